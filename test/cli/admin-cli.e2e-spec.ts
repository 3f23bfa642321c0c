import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Client } from 'pg';
import { withDatabase } from '@atrium/tenancy';
import { TEST_DATABASE_URL } from '../support/test-env';
import { assertOneLineError, useCliHarness } from './cli-harness';

describe('admin CLI (the real entry point, in a child process)', () => {
  const { id, dataDir, baseEnv, cli, ready, config } = useCliHarness('cli');

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

    const files = path.join(config().storageLocalRoot, 'acme');
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
});
