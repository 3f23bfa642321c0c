import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..');

/** Starts the real API entry point and returns what it printed when it gave up. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--require', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr.trim(), stdout: result.stdout.trim() };
}

describe('start-up refuses bad configuration with one clear line', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-startup-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const base = { DATA_DIR: dataDir, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/atrium' };

  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['PORT', { PORT: 'abc' }, /PORT must be a whole number/],
    ['SECRET', { SECRET: 'short' }, /SECRET must be at least 32 characters/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres:\/\/ URL/],
    ['REDIS_URL', { REDIS_URL: 'http://nope' }, /REDIS_URL must be a redis:\/\//],
    ['TENANT_POOL_SIZE', { TENANT_POOL_SIZE: '0' }, /TENANT_POOL_SIZE must be a whole number from 1 to 100/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
  ];
  for (const [name, env, message] of cases) {
    it(`names ${name}`, () => {
      const result = start({ ...base, ...env });
      assert.equal(result.status, 1);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.split('\n').length, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    });
  }

  it('says in one line when the database cannot be reached', () => {
    const result = start(base);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^Atrium could not start: /);
    assert.equal(result.stderr.split('\n').length, 1, result.stderr);
  });

  it('says in one line when the embedded PostgreSQL cannot start', () => {
    const notADirectory = path.join(dataDir, 'file');
    writeFileSync(notADirectory, 'x');
    const result = start({ DATA_DIR: dataDir, EMBEDDED_PG_DATA_DIR: notADirectory });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^Atrium could not start: .*file/);
    assert.equal(result.stderr.split('\n').length, 1, result.stderr);
  });
});
