import assert from 'node:assert/strict';
import type { TestApp, TestResponse } from '../support/test-app';

/** Calls into one project with one static token (none: the public policy). */
export interface ProjectCaller {
  call(method: string, url: string, body?: unknown): Promise<TestResponse>;
  /** As `call`, asserting 200 or 204. */
  ok(method: string, url: string, body?: unknown): Promise<TestResponse>;
}

export function projectCaller(t: TestApp, project: string, token?: string): ProjectCaller {
  const call = (method: string, url: string, body?: unknown) =>
    t.request(method, `/${project}${url}`, {
      ...(token ? { token } : {}),
      ...(body === undefined ? {} : { body }),
    });
  return {
    call,
    ok: async (method, url, body) => {
      const res = await call(method, url, body);
      assert.ok(res.status === 200 || res.status === 204, `${method} ${url}: ${res.status} ${res.text}`);
      return res;
    },
  };
}

export interface RuledUser {
  id: string;
  policy: string;
  token: string;
  caller: ProjectCaller;
}

/**
 * A user with a policy of their own whose permissions are `rules`, signed in by a static token (no login, so
 * no `login` activity rows). `extra` goes into the user (a role, a status…).
 */
export async function userWithRules(
  t: TestApp,
  project: string,
  admin: ProjectCaller,
  email: string,
  rules: ReadonlyArray<Record<string, unknown>>,
  extra: Record<string, unknown> = {},
): Promise<RuledUser> {
  const policy = (await admin.ok('POST', '/policies', { name: `Policy of ${email}` })).body.data.id as string;
  for (const rule of rules) await admin.ok('POST', '/permissions', { policy, ...rule });
  const token = `${email.replace(/\W/g, '-')}-static-token-0123456789`;
  const id = (await admin.ok('POST', '/users', { email, token, ...extra })).body.data.id as string;
  await admin.ok('POST', '/access', { user: id, policy });
  return { id, policy, token, caller: projectCaller(t, project, token) };
}

/** The first error's code and the status, for one-line refusal checks. */
export function refusal(res: TestResponse): { status: number; code: string | undefined } {
  return { status: res.status, code: res.body?.errors?.[0]?.extensions?.code };
}

/** Ids of rows, sorted, for comparing sets whose order the API does not promise. */
export function sortedIds(rows: ReadonlyArray<{ id: unknown } | string | number>): string[] {
  return rows.map((row) => String(typeof row === 'object' ? row.id : row)).sort();
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
