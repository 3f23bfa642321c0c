#!/usr/bin/env node
// Runs every spec (unit beside the code, integration/e2e under test/) with Node's test runner.
// It first finds the servers the integration tests talk to: DATABASE_URL / REDIS_URL when they answer,
// else 127.0.0.1:5432 / 127.0.0.1:6379, else the embedded PostgreSQL (and no Redis: Redis-only tests skip).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function findSpecs(dir, pattern, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'data') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findSpecs(full, pattern, out);
    else if (pattern.test(entry.name)) out.push(path.relative(root, full));
  }
  return out;
}

async function postgresAnswers(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redisAnswers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function choosePostgres() {
  const candidates = [process.env.DATABASE_URL, 'postgres://postgres@127.0.0.1:5432/postgres'].filter(
    Boolean,
  );
  for (const url of candidates) {
    if (await postgresAnswers(url)) return { url, stop: async () => undefined };
  }
  process.stdout.write(
    'No PostgreSQL answered: starting the embedded one for the tests (data/test-postgres).\n',
  );
  require('@swc-node/register');
  const { startEmbeddedPostgres } = require('../libs/embedded-postgres/src');
  const logger = { info: () => undefined, warn: (message) => process.stderr.write(`${message}\n`) };
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(root, 'data', 'test-postgres'), logger });
  return { url: embedded.url, stop: () => embedded.stop() };
}

async function chooseRedis() {
  const candidates = [process.env.REDIS_URL, 'redis://127.0.0.1:6379'].filter(Boolean);
  for (const url of candidates) if (await redisAnswers(url)) return url;
  process.stdout.write('No Redis answered: tests that need Redis will be skipped and say why.\n');
  return '';
}

async function main() {
  const only = process.argv.slice(2);
  const specs =
    only.length > 0
      ? only
      : [
          ...findSpecs(path.join(root, 'libs'), /\.spec\.ts$/),
          ...findSpecs(path.join(root, 'apps'), /\.spec\.ts$/),
          ...findSpecs(path.join(root, 'tenants'), /\.spec\.ts$/),
          ...findSpecs(path.join(root, 'test'), /\.(int|e2e|browser)-spec\.ts$/),
        ];
  const chromium = specs.some((spec) => spec.endsWith('.browser-spec.ts'))
    ? require('./ensure-chromium').ensureChromium()
    : '';
  const postgres = await choosePostgres();
  const redisUrl = await chooseRedis();
  const tapFile = path.join(require('node:os').tmpdir(), `atrium-tests-${process.pid}.tap`);
  const args = [
    '--require',
    '@swc-node/register',
    '--test',
    '--test-concurrency=2',
    '--test-timeout=120000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...specs,
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      ATRIUM_TEST_DATABASE_URL: postgres.url,
      ATRIUM_TEST_REDIS_URL: redisUrl,
      ATRIUM_TEST_CHROMIUM: chromium,
    },
  });
  const code = await new Promise((resolve) => child.on('exit', (status) => resolve(status ?? 1)));
  await postgres.stop();
  const tap = fs.existsSync(tapFile) ? fs.readFileSync(tapFile, 'utf8') : '';
  fs.rmSync(tapFile, { force: true });
  const count = (name) => Number((new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap) || [])[1] || 0);
  process.stdout.write(`\n${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped\n`);
  process.exit(code);
}

main().catch((error) => {
  process.stderr.write(`Test run could not start: ${error && error.message ? error.message : error}\n`);
  process.exit(1);
});
