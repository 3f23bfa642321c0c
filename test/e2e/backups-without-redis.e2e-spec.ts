import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PLATFORM_DATA_SOURCE } from '@atrium/tenancy';
import type { DataSource } from 'typeorm';
import { TestApp } from '../support/test-app';

const INTERRUPTED = 'Interrupted: the process writing it stopped. A worker may take it up again.';

describe('backups without Redis, left behind by a stopped API', () => {
  let first: TestApp;
  let second: TestApp | undefined;
  const ids = {
    queued: randomUUID(),
    running: randomUUID(),
    interrupted: randomUUID(),
    ofDeleted: randomUUID(),
    fresh: randomUUID(),
  };

  before(async () => {
    first = await TestApp.start({}, { withoutRedis: true });
    await first.createProject('kept');
    // What an API process that stopped leaves: its in-memory queue is gone, its rows stay.
    const rows: Array<[string, string, string, string, string | null]> = [
      [ids.queued, 'kept', 'queued', '5 minutes', null],
      [ids.running, 'kept', 'running', '2 minutes', null],
      [ids.interrupted, 'kept', 'failed', '1 hour', INTERRUPTED],
      [ids.ofDeleted, 'gone', 'queued', '5 minutes', null],
      // Queued a moment ago: its process may well be alive and about to run it.
      [ids.fresh, 'kept', 'queued', '0 seconds', null],
    ];
    for (const [id, project, status, age, error] of rows) {
      await first.app.get<DataSource>(PLATFORM_DATA_SOURCE).query(
        `INSERT INTO atrium_backups (id, project, project_name, reason, status, heartbeat_at, error)
           VALUES ($1, $2, $2, 'manual', $3, now() - $4::interval, $5)`,
        [id, project, status, age, error],
      );
    }
    // A new API process on the same platform, as after a restart.
    second = await TestApp.start(
      {
        DATABASE_URL: first.config.databaseUrl,
        TENANT_DB_PREFIX: first.config.tenantDbPrefix,
        SECRET: first.config.secret,
        STORAGE_LOCAL_ROOT: first.config.storageLocalRoot,
      },
      { withoutRedis: true },
    );
  });
  after(async () => {
    await second?.app.close();
    await first?.close();
  });

  async function settled(project: string, id: string) {
    for (let i = 0; i < 400; i++) {
      const backup = (await second!.admin('GET', `/server/projects/${project}/backups/${id}`)).body.data;
      if (backup.status === 'done' || backup.status === 'failed') return backup;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`backup ${id} was not taken up`);
  }

  it("fails a left-behind backup of a project that is gone, and leaves a live process's fresh one alone", async () => {
    // First: in half a minute it would count as left behind too.
    const fresh = (await second!.admin('GET', `/server/projects/kept/backups/${ids.fresh}`)).body.data;
    assert.equal(fresh.status, 'queued');
    const gone = await settled('gone', ids.ofDeleted);
    assert.equal(gone.status, 'failed');
    assert.equal(gone.error, 'The project was deleted before its backup ran.');
  });

  it('takes up the queued, half-written and interrupted backups when it starts, and writes them', async () => {
    for (const id of [ids.queued, ids.running, ids.interrupted]) {
      const backup = await settled('kept', id);
      assert.equal(backup.status, 'done', backup.error);
      assert.equal(backup.progress, 1);
      assert.ok(backup.size > 0);
      assert.ok(backup.table_count >= 10);
    }
    const restored = await second!.admin('POST', '/server/projects', {
      body: { project: 'back', from_backup: ids.running },
    });
    assert.equal(restored.status, 201, restored.text);
  });
});
