import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Client } from 'pg';
import { withDatabase } from '@atrium/tenancy';
import { TEST_DATABASE_URL } from '../support/test-env';
import { assertOneLineError, useCliHarness } from './cli-harness';

describe('operator CLI: backups and restores (the real entry point, in a child process)', () => {
  const { id, cli, ready, config } = useCliHarness('cli_backups');

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
    const files = path.join(config().storageLocalRoot, 'keep');
    mkdirSync(files, { recursive: true });
    writeFileSync(path.join(files, 'kept.txt'), 'kept bytes');

    // Independent runs start together to keep the file short.
    const [human, taken] = await Promise.all([
      cli(['projects:backup', 'keep']),
      cli(['projects:backup', 'keep', '--json']),
    ]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(
      human.stdout,
      /^Backed up project "keep": backup [0-9a-f-]{36} \(.+ tables, .+ rows, 1 files\)\./m,
    );
    assert.equal(taken.code, 0, taken.stderr);
    const backup = JSON.parse(taken.stdout);
    assert.equal(backup.status, 'done');
    assert.equal(backup.file_count, 1);

    const spare = /backup ([0-9a-f-]{36})/.exec(human.stdout)?.[1] ?? '';
    const [listing, table, restored, unknown, ghost, unconfirmed, misplaced] = await Promise.all([
      cli(['projects:backups', 'keep', '--json']),
      cli(['projects:backups', 'keep']),
      cli(['projects:restore', backup.id, 'kept', '--name', 'Kept']),
      cli(['projects:restore', '00000000-0000-4000-8000-000000000000', 'other']),
      cli(['projects:backup', 'ghost']),
      cli(['projects:backup-delete', 'keep', spare]),
      cli(['projects:backup-delete', 'kept', spare, '--yes']),
    ]);
    assertOneLineError(unconfirmed, /^error: refusing to delete backup [0-9a-f-]{36} without --yes/);
    assertOneLineError(misplaced, /^error: project "kept" has no backup [0-9a-f-]{36}/);
    const listed = JSON.parse(listing.stdout);
    assert.equal(listed.length, 2);
    assert.ok(listed.some((listedBackup: { id: string }) => listedBackup.id === backup.id));
    assert.ok(listed[0].created_at >= listed[1].created_at, 'newest first');
    assert.match(table.stdout, /^ID\s+CREATED\s+REASON\s+STATUS/m);
    assertOneLineError(unknown, /^error: there is no backup 00000000/);
    assertOneLineError(ghost, /^error: there is no project "ghost"/);

    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, new RegExp(`Restored backup ${backup.id} into project "kept"`));
    assert.equal(
      readFileSync(path.join(config().storageLocalRoot, 'kept', 'kept.txt'), 'utf8'),
      'kept bytes',
    );
    const tenant = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, `c${id}_kept`) });
    await tenant.connect();
    try {
      const users = await tenant.query('SELECT email FROM directus_users');
      assert.deepEqual(users.rows, [{ email: 'admin@keep.test' }], "the backup's users came back");
    } finally {
      await tenant.end();
    }
    const [again, spareDeleted] = await Promise.all([
      cli(['projects:restore', backup.id, 'kept']),
      cli(['projects:backup-delete', 'keep', spare, '--yes']),
    ]);
    assertOneLineError(again, /^error: a project with the key "kept" already exists/);
    assert.equal(spareDeleted.code, 0, spareDeleted.stderr);
    assert.match(spareDeleted.stdout, new RegExp(`^Deleted backup ${spare} of project "keep"\\.`, 'm'));

    const deleted = await cli(['projects:delete', 'keep', '--yes']);
    assert.equal(deleted.code, 0, deleted.stderr);
    const final = /final backup is ([0-9a-f-]{36})/.exec(deleted.stdout)?.[1];
    assert.ok(final, deleted.stdout);
    const afterDelete = JSON.parse((await cli(['projects:backups', 'keep', '--json'])).stdout);
    assert.equal(afterDelete[0].id, final);
    assert.deepEqual(
      afterDelete.map((listed: { id: string }) => listed.id),
      [final, backup.id],
      'the spare backup is gone',
    );
    assert.equal(afterDelete[0].reason, 'final');
    assert.equal((await cli(['projects:restore', final, 'keep'])).code, 0, 'a deleted project comes back');
    const purged = await Promise.all(
      ['keep', 'kept'].map((key) => cli(['projects:delete', key, '--yes', '--purge'])),
    );
    assert.deepEqual(
      purged.map((run) => run.code),
      [0, 0],
    );
  });
});
