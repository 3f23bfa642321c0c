import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { EmbeddedPostgres, EmbeddedPostgresError, startEmbeddedPostgres } from '@atrium/embedded-postgres';

const execFileAsync = promisify(execFile);

/** Collects log lines, so a failing test can show them and none reach the console. */
function memoryLogger(): { info(m: string): void; warn(m: string): void; lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) };
}

/** mkdtemp makes 0700 directories; as root the server runs as `postgres`, which must be able to enter it. */
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

async function query<T>(url: string, sql: string, database = 'postgres'): Promise<T[]> {
  const target = new URL(url);
  target.pathname = `/${database}`;
  const client = new Client({ connectionString: target.toString() });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function portAnswers(port: number): Promise<boolean> {
  const probe: Server = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(true));
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function assertStartFails(dataDir: string, pattern: RegExp, port?: number): Promise<void> {
  await assert.rejects(startEmbeddedPostgres({ dataDir, port, logger: memoryLogger() }), (error: unknown) => {
    assert.ok(error instanceof EmbeddedPostgresError, `expected EmbeddedPostgresError, got ${String(error)}`);
    assert.doesNotMatch(error.message, /\n/, 'the message is one line');
    assert.match(error.message, pattern);
    return true;
  });
}

describe('startEmbeddedPostgres', () => {
  let root: string;
  before(async () => {
    root = await tempDir('atrium-embedded-pg-');
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('initialises a cluster, serves queries and keeps data across restarts', async (t) => {
    const dataDir = path.join(root, 'data', 'postgres');
    const logger = memoryLogger();
    let pg: EmbeddedPostgres | undefined;
    try {
      let startedAt = Date.now();
      pg = await startEmbeddedPostgres({ dataDir, logger });
      t.diagnostic(`first start (initdb included): ${Date.now() - startedAt} ms`);

      assert.match(
        pg.url,
        new RegExp(`^postgres://postgres:[0-9a-f]{48}@127\\.0\\.0\\.1:${pg.port}/postgres$`),
      );
      const [settings] = await query<Record<string, string>>(
        pg.url,
        `SELECT current_setting('listen_addresses') AS listen, current_setting('max_connections') AS max,
                current_setting('server_encoding') AS encoding, current_setting('server_version_num') AS version`,
      );
      assert.deepEqual(
        { ...settings, version: settings!.version!.slice(0, 2) },
        { listen: '127.0.0.1', max: '200', encoding: 'UTF8', version: '18' },
      );
      await query(pg.url, 'CREATE DATABASE embedded_restart_check');
      await query(
        pg.url,
        'CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$still here$$)',
        'embedded_restart_check',
      );

      const port = pg.port;
      await Promise.all([pg.stop(), pg.stop()]); // idempotent, even concurrently
      await pg.stop();
      assert.equal(await portAnswers(port), false, 'the server is down after stop()');
      pg = undefined;

      startedAt = Date.now();
      pg = await startEmbeddedPostgres({ dataDir, logger });
      t.diagnostic(`second start (existing data): ${Date.now() - startedAt} ms`);
      assert.equal(pg.port, port, 'the port of the previous run is reused when free');
      const rows = await query<{ v: string }>(pg.url, 'SELECT v FROM kept', 'embedded_restart_check');
      assert.deepEqual(rows, [{ v: 'still here' }]);
      await query(pg.url, 'DROP DATABASE embedded_restart_check');
    } catch (error) {
      t.diagnostic(logger.lines.join('\n'));
      throw error;
    } finally {
      await pg?.stop();
    }
    const password = new URL(pg!.url).password;
    assert.ok(!logger.lines.some((line) => line.includes(password)), 'the password is never logged');
  });

  test('a process that dies without stop() takes its server down with it', async () => {
    const dataDir = path.join(root, 'data', 'postgres'); // initialised by the previous test
    const fixture = path.join(__dirname, 'fixtures', 'exit-without-stop.ts');
    const { stdout } = await execFileAsync(
      process.execPath,
      ['--require', '@swc-node/register', fixture, dataDir],
      {
        cwd: path.resolve(__dirname, '..', '..'),
      },
    ).catch((error: { stdout?: string; stderr?: string; signal?: string }) => {
      // SIGKILL is the expected way out; anything else is a failure to start.
      if (error.signal === 'SIGKILL') return { stdout: error.stdout ?? '' };
      throw new Error(`fixture failed: ${error.stderr ?? String(error)}`);
    });
    const port = Number.parseInt(stdout, 10);
    assert.ok(port > 0, `the fixture reported a port (${stdout})`);
    const deadline = Date.now() + 10_000;
    while ((await portAnswers(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await portAnswers(port), false, 'the orphaned server shut down');
    while ((await exists(path.join(dataDir, 'pgdata', 'postmaster.pid'))) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(
      await exists(path.join(dataDir, 'pgdata', 'postmaster.pid')),
      false,
      'and shut down cleanly',
    );
  });

  test('fails with a one-line EmbeddedPostgresError and leaves nothing running', async () => {
    const file = path.join(root, 'not-a-directory');
    await writeFile(file, 'x');
    await assertStartFails(file, /is a file, not a directory/);

    const otherMajor = path.join(root, 'from-pg-16');
    await mkdir(path.join(otherMajor, 'pgdata'), { recursive: true });
    await writeFile(path.join(otherMajor, 'pgdata', 'PG_VERSION'), '16\n');
    await assertStartFails(otherMajor, /created by PostgreSQL 16, but the embedded server is PostgreSQL 18/);

    const notACluster = path.join(root, 'not-a-cluster');
    await mkdir(path.join(notACluster, 'pgdata'), { recursive: true });
    await writeFile(path.join(notACluster, 'pgdata', 'notes.txt'), 'hello');
    await assertStartFails(notACluster, /not a PostgreSQL data directory/);

    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen({ host: '127.0.0.1', port: 0 }, resolve));
    try {
      const port = (busy.address() as { port: number }).port;
      await assertStartFails(
        path.join(root, 'data', 'postgres'),
        new RegExp(`port ${port} .* already in use`),
        port,
      );
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
    assert.equal(await exists(path.join(root, 'data', 'postgres', 'pgdata', 'postmaster.pid')), false);
  });
});
