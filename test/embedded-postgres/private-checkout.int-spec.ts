import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { copyCheckoutInto } from './fixtures/private-checkout';
import { StartedServer, freePort, startServer } from './fixtures/running-server';

const RELOCATION_BASE = '/var/lib/atrium';
/**
 * First start: a build when dist/ is older than the sources (none on CI, which builds first), the binaries'
 * copy, initdb, the platform's migrations and the demo project. Together under the runner's 120 s per file.
 */
const FIRST_START_MS = 80_000;
const RESTART_MS = 25_000;

/** Why this machine cannot show the case: PostgreSQL runs as another user only when we are root. */
function unavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root: only then does PostgreSQL run as another user';
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) return "needs the 'postgres' system user PostgreSQL runs as under root";
  return null;
}

/** The directory the server should choose, computed from the documented rule rather than from its code. */
function expectedRelocation(checkout: string): string {
  const dataDir = path.join(realpathSync(checkout), 'data', 'postgres');
  return path.join(RELOCATION_BASE, createHash('sha256').update(dataDir).digest('hex').slice(0, 12));
}

async function get(port: number, url: string, token?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${url}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, text: await response.text() };
}

function cli(checkout: string, env: Record<string, string>, args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['scripts/cli.js', ...args],
      { cwd: checkout, env, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm start from a checkout the postgres user cannot reach', () => {
  test('moves the binaries and data under /var/lib/atrium, and a restart finds them again', async (t) => {
    const reason = unavailable();
    if (reason) {
      t.skip(reason);
      return;
    }
    const port = await freePort();
    const { privateDir, checkout } = copyCheckoutInto(tmpdir());
    // The README's environment: nothing configured, so the embedded PostgreSQL and in-process jobs.
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', LOG_LEVEL: 'info' };
    const serverEnv = { ...env, PORT: String(port), HOST: '127.0.0.1' };
    const relocated = expectedRelocation(checkout);
    let server: StartedServer | undefined;
    try {
      let startedAt = Date.now();
      server = await startServer(checkout, serverEnv, FIRST_START_MS);
      t.diagnostic(`first start: ${Date.now() - startedAt} ms`);
      const first = server.output();
      assert.match(first, new RegExp(`Database: embedded PostgreSQL \\(data in ${relocated}/postgres\\)\\.`));
      const why = new RegExp(
        `Its binaries and data are in ${relocated}: the 'postgres' user PostgreSQL runs as cannot reach (\\S+)\\.`,
      ).exec(first);
      assert.ok(
        why && `${privateDir}/`.startsWith(`${why[1]}/`),
        'names the private directory (or one above)',
      );
      assert.match(first, /copying the PostgreSQL binaries/, 'the copy is logged');
      assert.match(first, /Super-admin token \(shown once/);
      assert.match(first, /Demo project "demo" created/);
      assert.deepEqual(await get(port, '/server/ping'), { status: 200, text: 'pong' });

      const postgresUid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
      for (const dir of [relocated, `${relocated}/binaries`, `${relocated}/postgres`]) {
        const info = statSync(dir);
        assert.deepEqual({ uid: info.uid, mode: info.mode & 0o777 }, { uid: postgresUid, mode: 0o700 }, dir);
      }
      assert.ok(statSync(`${relocated}/binaries/bin/postgres`).mode & 0o001, 'executable bits are kept');
      assert.doesNotMatch(
        readlinkSync(`${relocated}/binaries/lib/libpq.so.5`),
        /^\//,
        'lib/ links stay relative',
      );
      assert.ok(existsSync(path.join(checkout, 'data', 'secrets.json')), 'the secrets stay in the checkout');
      assert.equal(existsSync(path.join(checkout, 'data', 'postgres')), false, 'no cluster in the checkout');

      // The CLI from the same checkout finds the running server where it moved rather than starting another.
      const listed = await cli(checkout, env, ['projects:list', '--json']);
      assert.equal(listed.code, 0, listed.stderr);
      assert.deepEqual(
        (JSON.parse(listed.stdout) as Array<{ key: string }>).map((p) => p.key),
        ['demo'],
      );

      assert.equal(await server.stop(), 0, server.output());
      assert.equal(existsSync(`${relocated}/postgres/pgdata/postmaster.pid`), false, 'PostgreSQL stopped');

      startedAt = Date.now();
      server = await startServer(checkout, serverEnv, RESTART_MS);
      t.diagnostic(`second start: ${Date.now() - startedAt} ms`);
      const second = server.output();
      assert.match(second, new RegExp(`Its binaries and data are in ${relocated}:`));
      assert.doesNotMatch(second, /copying the PostgreSQL binaries/, 'the binaries are copied once');
      assert.doesNotMatch(second, /Super-admin token|Demo project/, 'nothing is generated again');
      assert.deepEqual(await get(port, '/demo/server/ping'), { status: 200, text: 'pong' }, 'same data');
      const { SUPER_ADMIN_TOKEN: token } = JSON.parse(
        readFileSync(path.join(checkout, 'data', 'secrets.json'), 'utf8'),
      ) as { SUPER_ADMIN_TOKEN: string };
      const projects = await get(port, '/server/projects', token);
      assert.equal(projects.status, 200, projects.text);
      assert.deepEqual(
        (JSON.parse(projects.text) as { data: Array<{ key: string }> }).data.map((p) => p.key),
        ['demo'],
      );
      assert.equal(await server.stop(), 0, server.output());
    } catch (error) {
      if (server) t.diagnostic(server.output());
      throw error;
    } finally {
      await server?.stop();
      rmSync(privateDir, { recursive: true, force: true });
      rmSync(relocated, { recursive: true, force: true });
    }
  });
});
