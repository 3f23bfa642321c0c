import { hashToken } from '@atrium/auth';
import { TestApp, TestResponse } from '../support/test-app';

/** A static token for a user of a project, set straight in its database (login is not needed here). */
export async function giveStaticToken(
  t: TestApp,
  project: string,
  email: string,
  token: string,
): Promise<void> {
  const client = await t.tenantClient(project);
  try {
    const { rowCount } = await client.query('UPDATE directus_users SET token = $1 WHERE email = $2', [
      hashToken(token),
      email,
    ]);
    if (rowCount !== 1) throw new Error(`no user ${email} in ${project}`);
  } finally {
    await client.end();
  }
}

/** A new project (`extra`: more of its registry row) whose first admin has the static token returned. */
export async function projectWithAdmin(
  t: TestApp,
  project: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  await t.createProject(project, extra);
  const token = `${project}-admin-token`;
  await giveStaticToken(t, project, `admin@${project}.test`, token);
  return token;
}

/** Runs SQL on a tenant database and returns the rows. */
export async function tenantRows<T = Record<string, unknown>>(
  t: TestApp,
  project: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = await t.tenantClient(project);
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The first error's code, for one-line assertions. */
export function errorCode(response: TestResponse): string | undefined {
  return response.body?.errors?.[0]?.extensions?.code;
}

/** A `directus_files` row as the tests read it back. */
export interface FileRow {
  id: string;
  storage: string;
  filename_disk: string;
  filename_download: string;
  title: string | null;
  type: string | null;
  folder: string | null;
  uploaded_by: string | null;
  uploaded_on: string | null;
  modified_by: string | null;
  filesize: number | string;
  description: string | null;
  tags: unknown;
}

export type ProjectCall = (method: string, url: string, body?: unknown) => Promise<TestResponse>;

/** Calls inside `/<project>` with a bearer token (none: anonymous); `ok` also asserts a 2xx answer. */
export function projectCaller(
  t: TestApp,
  project: string,
  token: string | undefined,
): { call: ProjectCall; ok: ProjectCall } {
  const call: ProjectCall = (method, url, body) =>
    t.request(method, `/${project}${url}`, { token, ...(body === undefined ? {} : { body }) });
  const ok: ProjectCall = async (method, url, body) => {
    const res = await call(method, url, body);
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.text}`);
    return res;
  };
  return { call, ok };
}
