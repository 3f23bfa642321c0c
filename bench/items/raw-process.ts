// The raw baseline, in a process of its own: node:http + a pg Pool reading the bench's articles table and
// serialising the rows itself (what DESIGN §6 compares Atrium with), and writing what Atrium writes.
import * as http from 'node:http';
import { Pool, type PoolClient } from 'pg';
import { listenOnLoopback } from '../support/raw-server';
import { serveUntilStopped, type ServerReady } from '../support/server-process';

/** How the baseline's PostgreSQL connections are named (the bench reads their CPU time). */
export const RAW_APPLICATION = 'bench-raw';

export interface RawInput {
  databaseUrl: string;
  poolSize: number;
  /** The admin user Atrium's activity rows name (the create route writes the same rows). */
  adminUser: string;
}

const COLUMNS = 'id, title, body, status, views, published_at, author';
const LIST = `SELECT ${COLUMNS} FROM articles ORDER BY id LIMIT 25`;
type Row = Record<string, unknown>;
type Handler = (pool: Pool, request: http.IncomingMessage, rest: string, body: string) => Promise<unknown>;

/** Each route answers what the matching Atrium request answers (see the scenarios in items.bench.ts). */
function routes(adminUser: string): Record<string, Handler> {
  const rows = async (pool: Pool, text: string, values: unknown[] = []) =>
    (await pool.query(text, values)).rows;
  return {
    '/list': async (pool) => ({ data: await rows(pool, LIST) }),
    '/one': async (pool, _request, id) => ({
      data: (await rows(pool, `SELECT ${COLUMNS} FROM articles WHERE id = $1`, [id]))[0],
    }),
    // The reader's row filter (fixture READER_ROW_FILTER), as a fixed WHERE clause.
    '/published': async (pool) => ({
      data: await rows(
        pool,
        `SELECT ${COLUMNS} FROM articles WHERE status = 'published' ORDER BY id LIMIT 25`,
      ),
    }),
    '/filter-sort': async (pool) => ({
      data: await rows(
        pool,
        `SELECT ${COLUMNS} FROM articles WHERE views >= 500 ORDER BY published_at DESC LIMIT 25`,
      ),
    }),
    // fields=*,author.name: one LEFT JOIN, the author nested as Atrium nests it.
    '/m2o': async (pool) => ({
      data: (
        await rows(
          pool,
          `SELECT a.id, a.title, a.body, a.status, a.views, a.published_at, a.author AS author_id,
                  au.name AS author_name
           FROM articles a LEFT JOIN authors au ON au.id = a.author ORDER BY a.id LIMIT 25`,
        )
      ).map(({ author_id, author_name, ...row }: Row) => ({
        ...row,
        author: author_id === null ? null : { name: author_name },
      })),
    }),
    // meta=total_count,filter_count without a filter: the page and one count (both counts are the same).
    '/meta': async (pool) => {
      const data = await rows(pool, LIST);
      const [{ count }] = await rows(pool, 'SELECT count(*)::int AS count FROM articles');
      return { meta: { total_count: count, filter_count: count }, data };
    },
    // What Atrium writes for one create, in one transaction: the row, its activity, its revision.
    '/create': async (pool, request, _rest, body) => {
      const payload = JSON.parse(body) as Row;
      const client: PoolClient = await pool.connect();
      try {
        await client.query('BEGIN');
        const columns = Object.keys(payload);
        const inserted = await client.query(
          `INSERT INTO notes (${columns.map((c) => `"${c}"`).join(', ')})
           VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
          columns.map((c) => payload[c]),
        );
        const row = inserted.rows[0] as Row;
        const activity = await client.query<{ id: number }>(
          `INSERT INTO directus_activity (action, "user", ip, user_agent, collection, item)
           VALUES ('create', $1, $2, $3, 'notes', $4) RETURNING id`,
          [adminUser, request.socket.remoteAddress, request.headers['user-agent'] ?? null, String(row.id)],
        );
        await client.query(
          `INSERT INTO directus_revisions (activity, collection, item, data, delta)
           VALUES ($1, 'notes', $2, $3, $4)`,
          [activity.rows[0].id, String(row.id), JSON.stringify(row), body],
        );
        await client.query('COMMIT');
        return { data: row };
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

serveUntilStopped<RawInput, ServerReady>(async ({ databaseUrl, poolSize, adminUser }) => {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize, application_name: RAW_APPLICATION });
  const handlers = routes(adminUser);
  const server = http.createServer((request, response) => {
    const [route, rest = ''] = (request.url ?? '').split('/').slice(1);
    if (route === 'ping') {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('pong');
      return;
    }
    const handler = handlers[`/${route}`];
    if (!handler) {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      handler(pool, request, rest, Buffer.concat(chunks).toString()).then(
        (answer) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(answer));
        },
        () => response.writeHead(500).end(),
      );
    });
  });
  return listenOnLoopback(server, () => pool.end());
});
