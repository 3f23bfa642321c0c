// Items reads (issue 6): a list of 25 rows and one row by id, as an admin with a static token, beside a raw
// baseline that reads the same table with node:http + a pg Pool and serialises the rows itself.
import { hashToken } from '@atrium/auth';
import { withDatabase } from '@atrium/tenancy';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { TestApp } from '../test/support/test-app';
import { TEST_DATABASE_URL } from '../test/support/test-env';
import { measureThroughput } from './support/load';

const ROWS = 10_000;
const TOKEN = 'bench-static-admin-token';

async function prepare(t: TestApp): Promise<void> {
  await t.createProject('bench');
  const login = await t.request('POST', '/bench/auth/login', {
    body: { email: 'admin@bench.test', password: 'password-123' },
  });
  const token = login.body.data.access_token as string;
  const created = await t.request('POST', '/bench/collections', {
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
  const db = await t.tenantClient('bench');
  await db.query(
    `INSERT INTO articles (title, body, status, views, published_at)
     SELECT 'Article ' || i, repeat('Lorem ipsum dolor sit amet. ', 8), CASE WHEN i % 3 = 0 THEN 'draft' ELSE 'published' END,
            i * 7 % 1000, now() - (i || ' minutes')::interval
     FROM generate_series(1, ${ROWS}) AS i`,
  );
  await db.query('UPDATE directus_users SET token = $1', [hashToken(TOKEN)]);
  await db.query('ANALYZE articles');
  await db.end();
}

function rawServer(pool: Pool): http.Server {
  return http.createServer(async (request, response) => {
    const id = /^\/one\/(\d+)$/.exec(request.url ?? '')?.[1];
    const { rows } = id
      ? await pool.query('SELECT id, title, body, status, views, published_at FROM articles WHERE id = $1', [
          id,
        ])
      : await pool.query(
          'SELECT id, title, body, status, views, published_at FROM articles ORDER BY id LIMIT 25',
        );
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ data: id ? rows[0] : rows }));
  });
}

async function main() {
  const t = await TestApp.start({ LOG_LEVEL: 'warn', TENANT_POOL_SIZE: '10' });
  try {
    await prepare(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const atriumPort = (t.app.getHttpServer().address() as AddressInfo).port;
    const auth = { authorization: `Bearer ${TOKEN}` };
    const check = await t.request('GET', '/bench/items/articles?limit=25', { token: TOKEN });
    if (check.status !== 200 || check.body.data.length !== 25)
      throw new Error(`items list is not ready: ${check.text.slice(0, 200)}`);

    const pool = new Pool({
      connectionString: withDatabase(TEST_DATABASE_URL, `${t.config.tenantDbPrefix}bench`),
      max: 10,
    });
    const server = rawServer(pool);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const rawPort = (server.address() as AddressInfo).port;

    const scenarios = [
      { name: 'list 25 rows', atrium: '/bench/items/articles?limit=25', raw: '/' },
      { name: 'read one by id', atrium: '/bench/items/articles/4242', raw: '/one/4242' },
    ];
    console.log('| scenario | Atrium req/s | raw req/s | Atrium/raw |');
    console.log('| --- | --- | --- | --- |');
    for (const scenario of scenarios) {
      const atrium = await measureThroughput(atriumPort, scenario.atrium, 16, 4_000, auth);
      const raw = await measureThroughput(rawPort, scenario.raw, 16, 4_000);
      console.log(`| ${scenario.name} | ${atrium.rps} | ${raw.rps} | ${(atrium.rps / raw.rps).toFixed(2)} |`);
      if (atrium.failures > 0) console.log(`  (${atrium.failures} non-200 answers from Atrium)`);
    }
    server.close();
    await pool.end();
  } finally {
    await t.close();
  }
}

void main();
