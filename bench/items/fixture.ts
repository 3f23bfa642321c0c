// The data the items bench reads: a project `bench` with 10,000 articles (each with an m2o `author` among
// AUTHORS authors), an empty `notes` collection the create scenario writes to, an admin with a static token,
// a non-admin reader whose role sees published rows only, and SPREAD_PROJECTS small projects (25 articles
// each, the same static admin token) for the load spread over many projects.
import { hashToken } from '@atrium/auth';
import type { BenchApi } from '../support/production-api';

export const PROJECT = 'bench';
/** Articles in the main project: BENCH_ROWS (the smoke test makes it tiny), 10,000 by default. */
export const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
export const AUTHORS = 50;
/** The row the "read one by id" scenario reads. */
export const ONE_ID = Math.min(4242, ROWS);
/** Rows of each small project of the spread load. */
export const SMALL_ROWS = 25;
/** The small projects' keys, p000 … (the most popular first). */
export function spreadProject(n: number): string {
  return `p${String(n).padStart(3, '0')}`;
}
/** The fields of the articles collection, as POST /collections takes them. */
const ARTICLE_FIELDS = [
  { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
  { field: 'title', type: 'string', schema: {} },
  { field: 'body', type: 'text', schema: {} },
  { field: 'status', type: 'string', schema: { default_value: 'draft' } },
  { field: 'views', type: 'integer', schema: {} },
  { field: 'published_at', type: 'timestamp', schema: {} },
];
/** The rows of a project's articles, in one INSERT … SELECT (authors only where the field exists). */
function insertArticles(rows: number, withAuthor: boolean): string {
  return `INSERT INTO articles (title, body, status, views, published_at${withAuthor ? ', author' : ''})
       SELECT 'Article ' || i, repeat('Lorem ipsum dolor sit amet. ', 8),
              CASE WHEN i % 3 = 0 THEN 'draft' ELSE 'published' END,
              i * 7 % 1000, now() - (i || ' minutes')::interval${withAuthor ? `, i % ${AUTHORS} + 1` : ''}
       FROM generate_series(1, ${rows}) AS i`;
}
export const ADMIN_TOKEN = 'bench-static-admin-token';
export const READER_TOKEN = 'bench-static-reader-token';
/** The row filter of the reader's read permission; the raw baseline applies the same WHERE clause. */
export const READER_ROW_FILTER = { status: { _eq: 'published' } };

/** Creates the project and the articles table, and returns an admin access token for further setup. */
export async function prepareArticles(t: BenchApi): Promise<string> {
  await t.createProject(PROJECT);
  const login = await t.request('POST', `/${PROJECT}/auth/login`, {
    body: { email: `admin@${PROJECT}.test`, password: 'password-123' },
  });
  const token = login.body.data.access_token as string;
  const collection = async (path: string, body: unknown) => {
    const response = await t.request('POST', `/${PROJECT}${path}`, { token, body });
    if (response.status !== 200)
      throw new Error(`POST ${path} answered ${response.status}: ${response.text}`);
  };
  await collection('/collections', {
    collection: 'authors',
    fields: [
      { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
      { field: 'name', type: 'string', schema: {} },
    ],
  });
  await collection('/collections', {
    collection: 'articles',
    fields: [...ARTICLE_FIELDS, { field: 'author', type: 'integer', schema: {} }],
  });
  await collection('/relations', { collection: 'articles', field: 'author', related_collection: 'authors' });
  // What the create scenario writes to (both sides, alike): not articles, so the reads never see it grow.
  await collection('/collections', {
    collection: 'notes',
    fields: [
      { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
      { field: 'title', type: 'string', schema: {} },
      { field: 'body', type: 'text', schema: {} },
      { field: 'status', type: 'string', schema: { default_value: 'draft' } },
    ],
  });
  const db = await t.tenantClient(PROJECT);
  try {
    await db.query(
      `INSERT INTO authors (name) SELECT 'Author ' || i FROM generate_series(1, ${AUTHORS}) AS i`,
    );
    await db.query(insertArticles(ROWS, true));
    await db.query('UPDATE directus_users SET token = $1', [hashToken(ADMIN_TOKEN)]);
    await db.query('ANALYZE authors');
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
export async function prepareRowFilterReader(t: BenchApi, adminToken: string): Promise<string> {
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

/** The admin user's id, which the raw baseline writes into its activity rows as Atrium does. */
export async function adminUserId(t: BenchApi): Promise<string> {
  const db = await t.tenantClient(PROJECT);
  try {
    const { rows } = await db.query<{ id: string }>('SELECT id FROM directus_users WHERE token = $1', [
      hashToken(ADMIN_TOKEN),
    ]);
    return rows[0].id;
  } finally {
    await db.end();
  }
}

/**
 * `count` small projects (spreadProject(0) …), each with SMALL_ROWS articles and ADMIN_TOKEN as its admin's
 * static token, provisioned through the API a few at a time (the template database makes each one a copy).
 */
export async function prepareSmallProjects(t: BenchApi, count: number, parallel = 4): Promise<void> {
  let next = 0;
  const one = async (key: string) => {
    await t.createProject(key);
    const db = await t.tenantClient(key);
    try {
      await db.query('UPDATE directus_users SET token = $1', [hashToken(ADMIN_TOKEN)]);
    } finally {
      await db.end();
    }
    const created = await t.request('POST', `/${key}/collections`, {
      token: ADMIN_TOKEN,
      body: { collection: 'articles', fields: ARTICLE_FIELDS },
    });
    if (created.status !== 200) throw new Error(`${key}: could not create the collection: ${created.text}`);
    const filled = await t.tenantClient(key);
    try {
      await filled.query(insertArticles(SMALL_ROWS, false));
    } finally {
      await filled.end();
    }
  };
  const worker = async () => {
    while (next < count) await one(spreadProject(next++));
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  const check = await t.request('GET', `/${spreadProject(count - 1)}/items/articles?limit=25`, {
    token: ADMIN_TOKEN,
  });
  if (check.status !== 200 || check.body.data.length !== SMALL_ROWS)
    throw new Error(`the small projects are not ready: ${check.text.slice(0, 200)}`);
}
