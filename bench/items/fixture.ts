// The data the items bench reads: a project `bench` with 10,000 articles, an admin with a static token,
// and (once permissions are enforced on items) a non-admin reader whose role sees published rows only.
import { hashToken } from '@atrium/auth';
import type { TestApp } from '../../test/support/test-app';

export const PROJECT = 'bench';
export const ROWS = 10_000;
export const ADMIN_TOKEN = 'bench-static-admin-token';
export const READER_TOKEN = 'bench-static-reader-token';
/** The row filter of the reader's read permission; the raw baseline applies the same WHERE clause. */
export const READER_ROW_FILTER = { status: { _eq: 'published' } };

/** Creates the project and the articles table, and returns an admin access token for further setup. */
export async function prepareArticles(t: TestApp): Promise<string> {
  await t.createProject(PROJECT);
  const login = await t.request('POST', `/${PROJECT}/auth/login`, {
    body: { email: `admin@${PROJECT}.test`, password: 'password-123' },
  });
  const token = login.body.data.access_token as string;
  const created = await t.request('POST', `/${PROJECT}/collections`, {
    token,
    body: {
      collection: 'articles',
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'title', type: 'string', schema: {} },
        { field: 'body', type: 'text', schema: {} },
        { field: 'status', type: 'string', schema: { default_value: 'draft' } },
        { field: 'views', type: 'integer', schema: {} },
        { field: 'published_at', type: 'timestamp', schema: {} },
      ],
    },
  });
  if (created.status !== 200) throw new Error(`could not create the collection: ${created.text}`);
  const db = await t.tenantClient(PROJECT);
  try {
    await db.query(
      `INSERT INTO articles (title, body, status, views, published_at)
       SELECT 'Article ' || i, repeat('Lorem ipsum dolor sit amet. ', 8),
              CASE WHEN i % 3 = 0 THEN 'draft' ELSE 'published' END,
              i * 7 % 1000, now() - (i || ' minutes')::interval
       FROM generate_series(1, ${ROWS}) AS i`,
    );
    await db.query('UPDATE directus_users SET token = $1', [hashToken(ADMIN_TOKEN)]);
    await db.query('ANALYZE articles');
  } finally {
    await db.end();
  }
  const check = await t.request('GET', `/${PROJECT}/items/articles?limit=25`, { token: ADMIN_TOKEN });
  if (check.status !== 200 || check.body.data.length !== 25)
    throw new Error(`items list is not ready: ${check.text.slice(0, 200)}`);
  return token;
}

/**
 * The "role with a row filter" scenario: a role, a policy without admin or app access, a read permission
 * on `articles` limited to READER_ROW_FILTER, and a user of that role with READER_TOKEN, all made through
 * the Directus-shaped system endpoints. Checks that the reader gets 25 published rows; returns its token.
 */
export async function prepareRowFilterReader(t: TestApp, adminToken: string): Promise<string> {
  const post = async (path: string, body: unknown): Promise<string> => {
    const response = await t.request('POST', `/${PROJECT}${path}`, { token: adminToken, body });
    if (response.status !== 200) throw new Error(`POST ${path} answered ${response.status}`);
    return response.body.data.id as string;
  };
  const role = await post('/roles', { name: 'Bench reader', icon: 'visibility' });
  const policy = await post('/policies', {
    name: 'Bench reader: published articles',
    icon: 'visibility',
    admin_access: false,
    app_access: false,
  });
  await post('/access', { role, policy });
  await post('/permissions', {
    policy,
    collection: 'articles',
    action: 'read',
    fields: ['*'],
    permissions: READER_ROW_FILTER,
  });
  await post('/users', { email: `reader@${PROJECT}.test`, role, status: 'active', token: READER_TOKEN });
  const probe = await t.request('GET', `/${PROJECT}/items/articles?limit=25`, { token: READER_TOKEN });
  const rows = probe.body?.data as Array<{ status?: unknown }> | undefined;
  if (probe.status !== 200 || !Array.isArray(rows) || rows.length !== 25) {
    throw new Error(`the reader's list is not ready: ${probe.status} ${probe.text.slice(0, 200)}`);
  }
  if (rows.some((row) => row.status !== 'published')) throw new Error('the reader saw unpublished rows');
  return READER_TOKEN;
}
