// The raw baseline, in a process of its own: node:http + a pg Pool reading the bench's articles table and
// serialising the rows itself (what DESIGN §6 compares Atrium with).
import * as http from 'node:http';
import { Pool } from 'pg';
import { listenOnLoopback } from '../support/raw-server';
import { serveUntilStopped, type ServerReady } from '../support/server-process';

/** How the baseline's PostgreSQL connections are named (the bench reads their CPU time). */
export const RAW_APPLICATION = 'bench-raw';

export interface RawInput {
  databaseUrl: string;
  poolSize: number;
}

const COLUMNS = 'id, title, body, status, views, published_at';
/** Each route answers what the matching Atrium request answers. */
const ROUTES: Record<string, { text: string; one: boolean }> = {
  '/list': { text: `SELECT ${COLUMNS} FROM articles ORDER BY id LIMIT 25`, one: false },
  '/one': { text: `SELECT ${COLUMNS} FROM articles WHERE id = $1`, one: true },
  // The reader's row filter (fixture READER_ROW_FILTER), as a fixed WHERE clause.
  '/published': {
    text: `SELECT ${COLUMNS} FROM articles WHERE status = 'published' ORDER BY id LIMIT 25`,
    one: false,
  },
};

serveUntilStopped<RawInput, ServerReady>(async ({ databaseUrl, poolSize }) => {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize, application_name: RAW_APPLICATION });
  const server = http.createServer((request, response) => {
    const [route, id] = (request.url ?? '').split('/').slice(1);
    const statement = ROUTES[`/${route}`];
    if (!statement) {
      response.writeHead(404).end();
      return;
    }
    pool.query(statement.text, statement.one ? [id] : []).then(
      ({ rows }) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: statement.one ? rows[0] : rows }));
      },
      () => response.writeHead(500).end(),
    );
  });
  return listenOnLoopback(server, () => pool.end());
});
