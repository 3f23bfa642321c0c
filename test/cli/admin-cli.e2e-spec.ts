import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { Client } from 'pg';
import { AppConfig, loadConfig, verifyPassword } from '@atrium/core';
import { withDatabase } from '@atrium/tenancy';
import { dropDatabases } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-env';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'apps', 'cli', 'src', 'main.ts');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

describe('admin CLI (the real entry point, in a child process)', () => {
  const id = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-cli-e2e-'));
  const baseEnv: Record<string, string> = {
    DATABASE_URL: withDatabase(TEST_DATABASE_URL, `atrium_test_cli_${id}`),
    TENANT_DB_PREFIX: `c${id}_`,
    SECRET: `cli-e2e-secret-${id}-0123456789abcdef0123456789`,
    SUPER_ADMIN_TOKEN: `cli-e2e-token-${id}-0123456789abcdef0123456789`,
    DATA_DIR: dataDir,
  };
  let config: AppConfig;
  let unavailable: string | null = null;

  /**
   * Runs `main.ts` through swc-node like `node --require @swc-node/register apps/cli/src/main.ts …`, from the
   * data directory (so no developer `.env` leaks in) with only the variables given: no Redis, no LOG_LEVEL.
   */
  function cli(args: string[], env: Record<string, string> = baseEnv): Promise<CliRun> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--require', require.resolve('@swc-node/register'), ENTRY, ...args],
        {
          cwd: dataDir,
          env: { PATH: process.env.PATH ?? '', SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), ...env },
          timeout: 60_000,
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  function assertOneLineError(run: CliRun, pattern: RegExp): void {
    assert.equal(run.code, 1, `exit code (stderr: ${run.stderr})`);
    assert.match(run.stderr, pattern);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(run.stderr.trim().split('\n').length, 1, `one line: ${run.stderr}`);
  }

  function ready(context: TestContext): boolean {
    if (unavailable) context.skip(unavailable);
    return !unavailable;
  }

  before(async () => {
    config = loadConfig({ ...baseEnv, NODE_ENV: 'test' });
    const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
    } catch (error) {
      unavailable = `needs PostgreSQL: ${(error as Error).message}`;
    } finally {
      await client.end().catch(() => undefined);
    }
  });

  after(async () => {
    if (!unavailable) await dropDatabases(config);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates, lists and deletes a project', async (context) => {
    if (!ready(context)) return;
    const created = await cli([
      'projects:create',
      'acme',
      '--admin-email',
      'admin@acme.test',
      '--admin-password',
      'password-123',
      '--name',
      'Acme Inc.',
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created project "acme"/);
    assert.match(created.stdout, /database server: default/);

    const listed = await cli(['projects:list', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const projects = JSON.parse(listed.stdout);
    assert.equal(projects.length, 1);
    assert.equal(projects[0].key, 'acme');
    assert.equal(projects[0].name, 'Acme Inc.');
    assert.equal(projects[0].status, 'active');
    assert.equal(projects[0].collection_count, 0);
    assert.ok(projects[0].size > 0);

    const table = await cli(['projects:list']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^KEY\s+NAME\s+STATUS\s+COLLECTIONS\s+ENTRIES\s+SIZE\s+FILES/m);
    assert.match(table.stdout, /^acme\s+Acme Inc\.\s+active\s+0\s+0\s+[\d.]+ MiB\s+0\s+-\s+-\s+default$/m);

    const refused = await cli(['projects:delete', 'acme']);
    assertOneLineError(refused, /^error: refusing to delete project "acme" without --yes/);

    const files = path.join(config.storageLocalRoot, 'acme');
    mkdirSync(files, { recursive: true });
    writeFileSync(path.join(files, 'a.txt'), 'bytes');
    const deleted = await cli(['projects:delete', 'acme', '--yes', '--purge']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.match(deleted.stdout, /Deleted project "acme"/);
    assert.doesNotMatch(deleted.stdout, /final backup/, 'purged: no backup kept');
    assert.equal(existsSync(files), false, "the project's stored files are removed");

    const empty = await cli(['projects:list', '--json']);
    assert.deepEqual(JSON.parse(empty.stdout), []);
    const admin = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, 'postgres') });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [`c${id}_acme`]);
      assert.equal(rowCount, 0, 'the tenant database is dropped');
    } finally {
      await admin.end();
    }
  });

  it('explains failures in one line and exits non-zero', async (context) => {
    if (!ready(context)) return;
    // Independent runs: started together to keep the suite short.
    const [ghost, badKey, missingOption, unreachable, badConfig] = await Promise.all([
      cli(['projects:delete', 'ghost', '--yes']),
      cli(['projects:create', 'Bad Key', '--admin-email', 'a@b.co', '--admin-password', 'password-123']),
      cli(['projects:create', 'acme2']),
      cli(['projects:list'], { ...baseEnv, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/atrium' }),
      cli(['projects:list'], { ...baseEnv, DATABASE_URL: 'not a url' }),
    ]);
    assertOneLineError(ghost, /^error: there is no project "ghost"/);
    assertOneLineError(badKey, /^error: Project key must be/);
    assertOneLineError(missingOption, /required option '--admin-email <email>'/);
    assertOneLineError(
      unreachable,
      /^error: cannot reach the database \(connect ECONNREFUSED 127\.0\.0\.1:1\)/,
    );
    assertOneLineError(badConfig, /^error: Invalid configuration: DATABASE_URL/);
  });

  it('migrates every project and reports a summary', async (context) => {
    if (!ready(context)) return;
    const run = await cli(['migrate', '--all', '--concurrency', '2']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Latest tenant migration: \w+\d{13}\. 0 projects to migrate/m);
    assert.match(run.stdout, /^Done in [\d.]+ s: 0 migrated, 0 up to date, 0 failed\.$/m);
    assertOneLineError(await cli(['migrate']), /^error: say which projects: --all/);
  });

  it('rotates the stored super-admin token, unless the environment sets it', async (context) => {
    if (!ready(context)) return;
    assertOneLineError(
      await cli(['token:rotate-super-admin']),
      /SUPER_ADMIN_TOKEN is set in the environment/,
    );

    const { SUPER_ADMIN_TOKEN: _fromEnvironment, ...withoutToken } = baseEnv;
    const rotated = await cli(['token:rotate-super-admin'], withoutToken);
    assert.equal(rotated.code, 0, rotated.stderr);
    const file = path.join(dataDir, 'secrets.json');
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    assert.match(rotated.stdout, new RegExp(`^ {2}${stored.SUPER_ADMIN_TOKEN}$`, 'm'), 'printed once');
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('resets a user password (reactivating a suspended user, ending its sessions) and suspends and resumes a project', async (context) => {
    if (!ready(context)) return;
    const created = await cli([
      'projects:create',
      'ops',
      '--admin-email',
      'admin@ops.test',
      '--admin-password',
      'password-123',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const tenant = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, `c${id}_ops`) });
    await tenant.connect();
    try {
      const [{ id: user }] = (
        await tenant.query("UPDATE directus_users SET status = 'suspended' RETURNING id")
      ).rows;
      await tenant.query(
        `INSERT INTO directus_sessions (token, "user", expires) VALUES ('old-session', $1, now() + interval '1 day')`,
        [user],
      );
      const chosen = await cli([
        'users:reset-password',
        'ops',
        'ADMIN@ops.test',
        '--password',
        'a-new-password-1',
      ]);
      assert.equal(chosen.code, 0, chosen.stderr);
      assert.match(chosen.stdout, /New password of ADMIN@ops\.test in "ops" \(reactivated\)/);
      assert.doesNotMatch(chosen.stdout, /a-new-password-1/, 'a chosen password is not echoed');
      const row = (await tenant.query('SELECT password, status FROM directus_users WHERE id = $1', [user]))
        .rows[0];
      assert.equal(row.status, 'active');
      assert.equal(await verifyPassword(row.password, 'a-new-password-1'), true);
      assert.equal(
        (await tenant.query('SELECT 1 FROM directus_sessions WHERE "user" = $1', [user])).rowCount,
        0,
      );

      const generated = await cli(['users:reset-password', 'ops', 'admin@ops.test']);
      assert.equal(generated.code, 0, generated.stderr);
      const password = /^password: (\S+)$/m.exec(generated.stdout)?.[1] ?? '';
      assert.ok(password.length >= 20, 'a generated password is printed once');
      const after = (await tenant.query('SELECT password FROM directus_users WHERE id = $1', [user])).rows[0];
      assert.equal(await verifyPassword(after.password, password), true);
    } finally {
      await tenant.end();
    }
    assertOneLineError(
      await cli(['users:reset-password', 'ops', 'nobody@ops.test']),
      /^error: project "ops" has no user/,
    );
    assertOneLineError(
      await cli(['users:reset-password', 'ghost', 'a@b.co']),
      /^error: there is no project "ghost"/,
    );
    assertOneLineError(
      await cli(['users:reset-password', 'ops', 'a@b.co', '--password', 'short']),
      /at least 8/,
    );

    const suspended = await cli(['projects:suspend', 'ops']);
    assert.equal(suspended.code, 0, suspended.stderr);
    assert.match(suspended.stdout, /Project "ops" is suspended\./);
    assert.equal(JSON.parse((await cli(['projects:list', '--json'])).stdout)[0].status, 'suspended');
    assert.equal((await cli(['projects:resume', 'ops'])).code, 0);
    assert.equal(JSON.parse((await cli(['projects:list', '--json'])).stdout)[0].status, 'active');
    assertOneLineError(await cli(['projects:suspend', 'ghost']), /^error: there is no project "ghost"/);
    assert.equal((await cli(['projects:delete', 'ops', '--yes'])).code, 0);
  });

  it('backs a project up, lists and restores its backups, and keeps a final one on delete', async (context) => {
    if (!ready(context)) return;
    const created = await cli([
      'projects:create',
      'keep',
      '--admin-email',
      'admin@keep.test',
      '--admin-password',
      'password-123',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const files = path.join(config.storageLocalRoot, 'keep');
    mkdirSync(files, { recursive: true });
    writeFileSync(path.join(files, 'kept.txt'), 'kept bytes');

    const human = await cli(['projects:backup', 'keep']);
    assert.equal(human.code, 0, human.stderr);
    assert.match(
      human.stdout,
      /^Backed up project "keep": backup [0-9a-f-]{36} \(.+ tables, .+ rows, 1 files\)\./m,
    );
    const taken = await cli(['projects:backup', 'keep', '--json']);
    assert.equal(taken.code, 0, taken.stderr);
    const backup = JSON.parse(taken.stdout);
    assert.equal(backup.status, 'done');
    assert.equal(backup.file_count, 1);

    const listed = JSON.parse((await cli(['projects:backups', 'keep', '--json'])).stdout);
    assert.equal(listed.length, 2);
    assert.equal(listed[0].id, backup.id, 'newest first');
    assert.match((await cli(['projects:backups', 'keep'])).stdout, /^ID\s+CREATED\s+REASON\s+STATUS/m);

    const restored = await cli(['projects:restore', backup.id, 'kept', '--name', 'Kept']);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, new RegExp(`Restored backup ${backup.id} into project "kept"`));
    assert.equal(readFileSync(path.join(config.storageLocalRoot, 'kept', 'kept.txt'), 'utf8'), 'kept bytes');
    const tenant = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, `c${id}_kept`) });
    await tenant.connect();
    try {
      const users = await tenant.query('SELECT email FROM directus_users');
      assert.deepEqual(users.rows, [{ email: 'admin@keep.test' }], "the backup's users came back");
    } finally {
      await tenant.end();
    }
    assertOneLineError(
      await cli(['projects:restore', backup.id, 'kept']),
      /^error: a project with the key "kept" already exists/,
    );
    assertOneLineError(
      await cli(['projects:restore', '00000000-0000-4000-8000-000000000000', 'other']),
      /^error: there is no backup 00000000/,
    );
    assertOneLineError(await cli(['projects:backup', 'ghost']), /^error: there is no project "ghost"/);

    const deleted = await cli(['projects:delete', 'keep', '--yes']);
    assert.equal(deleted.code, 0, deleted.stderr);
    const final = /final backup is ([0-9a-f-]{36})/.exec(deleted.stdout)?.[1];
    assert.ok(final, deleted.stdout);
    const afterDelete = JSON.parse((await cli(['projects:backups', 'keep', '--json'])).stdout);
    assert.equal(afterDelete[0].id, final);
    assert.equal(afterDelete[0].reason, 'final');
    assert.equal((await cli(['projects:restore', final, 'keep'])).code, 0, 'a deleted project comes back');
    for (const key of ['keep', 'kept']) {
      assert.equal((await cli(['projects:delete', key, '--yes', '--purge'])).code, 0);
    }
  });
});
