// Provisioning and a per-project read, each beside its raw baseline run in the same process.
//   provisioning: POST /server/projects  vs  a bare CREATE DATABASE … TEMPLATE … of the same template
//   project info: GET /:project/server/info  vs  node:http + pg.Pool reading the same settings row
import { quoteIdent, TemplateDatabases, withDatabase } from '@atrium/tenancy';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Pool } from 'pg';
import { TestApp } from '../test/support/test-app';
import { TEST_DATABASE_URL } from '../test/support/test-env';
import { measureThroughput, median } from './support/load';

const ROUNDS = 15;

async function provisioning(t: TestApp) {
  await t.createProject('warmup'); // builds the template database once
  const atrium: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await t.createProject(`bench${i}`);
    atrium.push(performance.now() - started);
  }
  const template = t.app.get(TemplateDatabases).templateName();
  const admin = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, 'postgres') });
  await admin.connect();
  const raw: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const name = `${t.config.tenantDbPrefix}raw${i}`;
    const started = performance.now();
    await admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
    raw.push(performance.now() - started);
  }
  await admin.end();
  return { atrium: median(atrium), raw: median(raw) };
}

async function projectInfo(t: TestApp) {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const atriumPort = (t.app.getHttpServer().address() as AddressInfo).port;
  const atrium = await measureThroughput(atriumPort, '/bench0/server/info');

  const pool = new Pool({
    connectionString: withDatabase(TEST_DATABASE_URL, `${t.config.tenantDbPrefix}bench0`),
    max: 5,
  });
  const server = http.createServer(async (_request, response) => {
    const { rows } = await pool.query(
      'SELECT project_name, project_descriptor, project_url, project_logo, project_color, public_foreground, public_background, public_favicon, public_note, default_language, custom_css, public_registration FROM directus_settings ORDER BY id LIMIT 1',
    );
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ data: { project: { key: 'bench0', ...rows[0] } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const raw = await measureThroughput((server.address() as AddressInfo).port, '/');
  server.close();
  await pool.end();
  return { atrium, raw };
}

async function main() {
  const t = await TestApp.start({ LOG_LEVEL: 'warn' });
  try {
    const provision = await provisioning(t);
    const info = await projectInfo(t);
    const rows = [
      ['scenario', 'Atrium', 'raw baseline', 'Atrium/raw'],
      [
        'provision a project (median ms, lower is better)',
        provision.atrium.toFixed(0),
        provision.raw.toFixed(0),
        (provision.atrium / provision.raw).toFixed(2),
      ],
      [
        'GET /:project/server/info (req/s, higher is better)',
        String(info.atrium.rps),
        String(info.raw.rps),
        (info.atrium.rps / info.raw.rps).toFixed(2),
      ],
    ];
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    if (info.atrium.failures + info.raw.failures > 0)
      console.log(`non-200 answers: ${info.atrium.failures} / ${info.raw.failures}`);
  } finally {
    await t.close();
  }
}

void main();
