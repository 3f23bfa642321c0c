import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TENANT_MIGRATIONS, TENANT_MIGRATIONS_TABLE } from '@atrium/tenant-migrations';
import { latestTenantMigrationName, PLATFORM_DATA_SOURCE, withDatabase } from '@atrium/tenancy';
import type { DataSource } from 'typeorm';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { deleteKeys } from '../jobs/support/redis-test-context';
import { sendFile } from '../system-data/multipart-fixture';
import { projectWithAdmin, tenantRows } from '../system-data/system-data-fixture';
import { TestApp } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-env';
import { tableDigests, tenantTables } from '../support/table-digests';
import { undoTenantMigrations } from '../support/undo-tenant-migrations';

/** The migrations a project's database is taken back through: every one after the first two. */
const KEPT = 2;
const KEPT_NAME = new TENANT_MIGRATIONS[KEPT - 1]().name!;

/**
 * Takes a project's database back to an older tenant migration, as if its backup had been written by an
 * older platform: the later migrations are undone (their tables go, the ledger forgets them).
 */
function downgrade(t: TestApp, project: string): Promise<void> {
  return undoTenantMigrations(
    withDatabase(TEST_DATABASE_URL, `${t.config.tenantDbPrefix}${project}`),
    TENANT_MIGRATIONS.length - KEPT,
  );
}

describe('restoring a backup taken at an older tenant migration', () => {
  const prefix = `atrium-test-${randomUUID().slice(0, 8)}`;
  let t: TestApp;
  let worker: NestFastifyApplication | null = null;
  let token: string;
  let fileId: string;

  const call = (method: string, url: string, body?: unknown) => t.request(method, url, { token, body });

  before(async () => {
    t = await TestApp.start({ JOBS_PREFIX: prefix });
    if (t.config.redisUrl !== null)
      worker = await createWorkerApp({ ...t.config, redisUrl: t.config.redisUrl });
    token = await projectWithAdmin(t, 'elder');
    const made = await call('POST', '/elder/collections', {
      collection: 'notes',
      meta: { versioning: true },
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'title', type: 'string' },
      ],
    });
    assert.equal(made.status, 200, made.text);
    assert.equal(
      (await call('POST', '/elder/items/notes', [{ title: 'One' }, { title: 'Two' }])).status,
      200,
    );
    const uploaded = await sendFile(t, token, '/elder/files', {
      filename: 'old.txt',
      type: 'text/plain',
      content: Buffer.from('kept since the old days'),
    });
    assert.equal(uploaded.status, 200, uploaded.text);
    fileId = uploaded.body.data.id;
  });
  after(async () => {
    await worker?.close();
    await t?.close();
    if (t?.config.redisUrl) await deleteKeys(prefix, t.config.redisUrl);
  });

  async function backUp(project: string): Promise<string> {
    const started = await t.admin('POST', `/server/projects/${project}/backups`);
    assert.equal(started.status, 202, started.text);
    for (let i = 0; i < 200; i++) {
      const backup = (await t.admin('GET', `/server/projects/${project}/backups/${started.body.data.id}`))
        .body.data;
      if (backup.status === 'done') return backup.id;
      assert.ok(backup.status === 'queued' || backup.status === 'running', backup.error);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the backup did not finish');
  }

  it('migrates the backup forward: every row and file comes back, with what the later migrations add', async () => {
    await downgrade(t, 'elder');
    const [ledger] = await tenantRows<{ name: string }>(
      t,
      'elder',
      `SELECT name FROM ${TENANT_MIGRATIONS_TABLE} ORDER BY timestamp DESC LIMIT 1`,
    );
    assert.equal(ledger.name, KEPT_NAME, 'the source stands at the older migration');
    const tables = await tenantTables(t, 'elder');
    assert.ok(!tables.includes('atrium_storage_usage'), 'a later migration made the storage totals');
    const before = await tableDigests(t, 'elder', tables);
    const backupId = await backUp('elder');

    const restored = await t.admin('POST', '/server/projects', {
      body: { project: 'younger', from_backup: backupId },
    });
    assert.equal(restored.status, 201, restored.text);
    assert.deepEqual(await tableDigests(t, 'younger', tables), before);
    const [usage] = await tenantRows<{ file_count: string; file_bytes: string }>(
      t,
      'younger',
      'SELECT file_count, file_bytes FROM atrium_storage_usage',
    );
    assert.deepEqual(usage, { file_count: '1', file_bytes: String('kept since the old days'.length) });
    const [migrated] = await tenantRows<{ name: string }>(
      t,
      'younger',
      `SELECT name FROM ${TENANT_MIGRATIONS_TABLE} ORDER BY timestamp DESC LIMIT 1`,
    );
    assert.equal(migrated.name, latestTenantMigrationName());
    const [registry] = await t.app
      .get<DataSource>(PLATFORM_DATA_SOURCE)
      .query(`SELECT tenant_migration FROM atrium_projects WHERE key = 'younger'`);
    assert.equal(registry.tenant_migration, latestTenantMigrationName());

    // The restored project works as any other: its admin's token, its items, its file, its new tables.
    const notes = await call('GET', '/younger/items/notes?sort=id');
    assert.equal(notes.status, 200, notes.text);
    assert.deepEqual(
      notes.body.data.map((note: { title: string }) => note.title),
      ['One', 'Two'],
    );
    assert.equal((await call('GET', `/younger/assets/${fileId}`)).text, 'kept since the old days');
    const version = await call('POST', '/younger/versions', { key: 'draft', collection: 'notes', item: '1' });
    assert.equal(version.status, 200, version.text);
    const databases = await t.app
      .get<DataSource>(PLATFORM_DATA_SOURCE)
      .query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `${t.config.tenantDbPrefix}_restore_%`,
      ]);
    assert.deepEqual(databases, [], 'the scratch database is gone');
  });

  it('refuses a backup from a newer platform (a migration it does not know), provisioning nothing', async () => {
    await t.createProject('future');
    await tenantRows(
      t,
      'future',
      `INSERT INTO ${TENANT_MIGRATIONS_TABLE} (timestamp, name) VALUES (9999999999999, 'FromTheFuture9999999999999')`,
    );
    const backupId = await backUp('future');
    const response = await t.admin('POST', '/server/projects', {
      body: { project: 'past', from_backup: backupId },
    });
    assert.equal(response.status, 400, response.text);
    assert.equal(response.body.errors[0].extensions.code, 'INVALID_PAYLOAD');
    assert.match(response.body.errors[0].message, /FromTheFuture9999999999999.*does not know/);
    assert.equal((await t.admin('GET', '/server/projects/past')).status, 404);
  });
});
