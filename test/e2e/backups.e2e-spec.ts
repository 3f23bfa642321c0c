import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PLATFORM_DATA_SOURCE, ProjectRegistry } from '@atrium/tenancy';
import type { DataSource } from 'typeorm';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { BackupWriter } from '../../libs/server/src/backups/backup-writer';
import { deleteKeys } from '../jobs/support/redis-test-context';
import { sendFile } from '../system-data/multipart-fixture';
import { projectWithAdmin } from '../system-data/system-data-fixture';
import { tableDigests } from '../support/table-digests';
import { TestApp } from '../support/test-app';

describe('project backups, restores and clones', () => {
  // A queue of this test's own: its worker must not take other tests' jobs.
  const prefix = `atrium-test-${randomUUID().slice(0, 8)}`;
  let t: TestApp;
  /** With Redis, backups are BullMQ jobs a worker process writes; without it the API runs them itself. */
  let worker: NestFastifyApplication | null = null;
  let token: string;
  let fileId: string;
  let sourceDigests: Record<string, string>;
  let sourceSnapshot: unknown;
  let backupId: string;

  const call = (method: string, url: string, body?: unknown) => t.request(method, url, { token, body });

  before(async () => {
    t = await TestApp.start({ JOBS_PREFIX: prefix });
    if (t.config.redisUrl !== null)
      worker = await createWorkerApp({ ...t.config, redisUrl: t.config.redisUrl });
    token = await projectWithAdmin(t, 'source');
    const made = await call('POST', '/source/collections', {
      collection: 'notes',
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'title', type: 'string' },
        { field: 'body', type: 'text' },
      ],
    });
    assert.equal(made.status, 200, made.text);
    const notes = [
      { title: 'One', body: 'tab\there, newline\nthere, backslash \\ and quote "' },
      { title: 'Two', body: null },
      { title: 'Three', body: 'ünïcödé ✓' },
    ];
    assert.equal((await call('POST', '/source/items/notes', notes)).status, 200);
    const uploaded = await sendFile(t, token, '/source/files', {
      filename: 'hello.txt',
      type: 'text/plain',
      content: Buffer.from('hello from the source'),
    });
    assert.equal(uploaded.status, 200, uploaded.text);
    fileId = uploaded.body.data.id;
    sourceDigests = await tableDigests(t, 'source');
    sourceSnapshot = (await call('GET', '/source/schema/snapshot')).body.data;
  });
  after(async () => {
    await worker?.close();
    await t?.close();
    if (t?.config.redisUrl) await deleteKeys(prefix, t.config.redisUrl);
  });

  async function finished(project: string, id: string) {
    for (let i = 0; i < 200; i++) {
      const backup = (await t.admin('GET', `/server/projects/${project}/backups/${id}`)).body.data;
      if (backup.status !== 'queued' && backup.status !== 'running') return backup;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the backup did not finish');
  }

  it('writes a backup as a background job whose progress and result can be read', async () => {
    const started = await t.admin('POST', '/server/projects/source/backups');
    assert.equal(started.status, 202, started.text);
    assert.equal(started.body.data.project, 'source');
    assert.equal(started.body.data.status, 'queued');
    backupId = started.body.data.id;
    const backup = await finished('source', backupId);
    assert.equal(backup.status, 'done', backup.error);
    assert.equal(backup.progress, 1);
    assert.equal(backup.reason, 'manual');
    assert.ok(backup.size > 0);
    assert.ok(backup.table_count >= 10);
    assert.equal(backup.file_count, 1);
    assert.equal(backup.storage, 'local');
    const list = await t.admin('GET', '/server/projects/source/backups');
    assert.deepEqual(
      list.body.data.map((b: { id: string }) => b.id),
      [backupId],
    );
  });

  it('restores into a new project that equals the source: every row, the schema snapshot, the files', async () => {
    const restored = await t.admin('POST', '/server/projects', {
      body: { project: 'restored', from_backup: backupId },
    });
    assert.equal(restored.status, 201, restored.text);
    assert.deepEqual(await tableDigests(t, 'restored'), sourceDigests);
    // The users came back with the rows: the source admin's token works on the restored project.
    const snapshot = await call('GET', '/restored/schema/snapshot');
    assert.equal(snapshot.status, 200, snapshot.text);
    assert.deepEqual(snapshot.body.data, sourceSnapshot);
    const asset = await call('GET', `/restored/assets/${fileId}`);
    assert.equal(asset.status, 200);
    assert.equal(asset.text, 'hello from the source');
    // Sequences follow the loaded keys: the next note is number 4.
    const next = await call('POST', '/restored/items/notes', { title: 'Four' });
    assert.equal(next.status, 200, next.text);
    assert.equal(next.body.data.id, 4);
  });

  it('clones a live project with clone_of, and the source keeps serving', async () => {
    const cloned = await t.admin('POST', '/server/projects', {
      body: { project: 'cloned', clone_of: 'source' },
    });
    assert.equal(cloned.status, 201, cloned.text);
    assert.deepEqual(await tableDigests(t, 'cloned'), sourceDigests);
    assert.equal((await call('GET', `/cloned/assets/${fileId}`)).text, 'hello from the source');
    assert.equal((await t.admin('GET', '/server/projects/source')).body.data.status, 'active');
    assert.equal((await call('GET', '/source/items/notes')).status, 200);
  });

  it('keeps a final backup when a project is deleted, and the project comes back from it', async () => {
    assert.equal((await t.admin('DELETE', '/server/projects/source')).status, 204);
    assert.equal((await t.admin('GET', '/server/projects/source')).status, 404);
    const backups = (await t.admin('GET', '/server/projects/source/backups')).body.data;
    const final = backups.find((backup: { reason: string }) => backup.reason === 'final');
    assert.ok(final, 'a final backup is listed after the deletion');
    assert.equal(final.status, 'done');
    const reborn = await t.admin('POST', '/server/projects', {
      body: { project: 'source', from_backup: final.id },
    });
    assert.equal(reborn.status, 201, reborn.text);
    assert.deepEqual(await tableDigests(t, 'source'), sourceDigests);
  });

  it('deletes without a backup when purged', async () => {
    await t.createProject('scratch');
    assert.equal((await t.admin('DELETE', '/server/projects/scratch?purge=true')).status, 204);
    assert.deepEqual((await t.admin('GET', '/server/projects/scratch/backups')).body.data, []);
    assert.equal((await t.admin('DELETE', '/server/projects/cloned?purge=maybe')).status, 400);
  });

  it('refuses what cannot be restored, with the envelope and nothing provisioned', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ project: 'r1', from_backup: '00000000-0000-4000-8000-000000000000' }, /no backup/],
      [{ project: 'r2', from_backup: 'not-an-id' }, /from_backup must be the id of a backup/],
      [{ project: 'r3', clone_of: 'nothing-here' }, /no active project/],
      [{ project: 'r4', from_backup: backupId, clone_of: 'restored' }, /not several/],
    ];
    for (const [body, message] of cases) {
      const response = await t.admin('POST', '/server/projects', { body });
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.errors[0].extensions.code, 'INVALID_PAYLOAD');
      assert.match(response.body.errors[0].message, message);
      assert.equal((await t.admin('GET', `/server/projects/${String(body.project)}`)).status, 404);
    }
    assert.equal((await t.admin('POST', '/server/projects/nothing-here/backups')).status, 404);
    assert.equal((await t.admin('GET', `/server/projects/restored/backups/${backupId}`)).status, 404);
  });

  it('refuses a deletion whose final backup fails (503, nothing changed), and deletes once it can be written', async () => {
    await t.createProject('fragile');
    // Backups cannot be written while a plain file stands where their folder should be.
    const folder = path.join(t.config.storageLocalRoot, '.backups');
    mkdirSync(folder, { recursive: true });
    renameSync(folder, `${folder}.away`);
    writeFileSync(folder, 'not a folder');
    try {
      const refused = await t.admin('DELETE', '/server/projects/fragile');
      assert.equal(refused.status, 503, refused.text);
      assert.equal(refused.body.errors[0].extensions.code, 'SERVICE_UNAVAILABLE');
      assert.match(refused.body.errors[0].message, /backup of "fragile" failed.*nothing was changed/);
      assert.equal((await t.admin('GET', '/server/projects/fragile')).body.data.status, 'active');
      const [failed] = (await t.admin('GET', '/server/projects/fragile/backups')).body.data;
      assert.equal(failed.status, 'failed');
      assert.equal(failed.reason, 'final');
    } finally {
      rmSync(folder);
      renameSync(`${folder}.away`, folder);
    }
    assert.equal((await t.admin('DELETE', '/server/projects/fragile')).status, 204);
  });

  it("fails a deleted project's backups that were still queued, saying why", async () => {
    await t.createProject('brief');
    const id = randomUUID();
    await t.app
      .get<DataSource>(PLATFORM_DATA_SOURCE)
      .query(
        `INSERT INTO atrium_backups (id, project, project_name, reason, status) VALUES ($1, 'brief', 'brief', 'manual', 'queued')`,
        [id],
      );
    assert.equal((await t.admin('DELETE', '/server/projects/brief?purge=true')).status, 204);
    const backup = (await t.admin('GET', `/server/projects/brief/backups/${id}`)).body.data;
    assert.equal(backup.status, 'failed');
    assert.equal(backup.error, 'The project was deleted before its backup ran.');
  });

  it('reports a backup whose writer stopped beating as interrupted, not running for ever', async () => {
    const id = randomUUID();
    await t.app.get<DataSource>(PLATFORM_DATA_SOURCE).query(
      `INSERT INTO atrium_backups (id, project, project_name, reason, status, heartbeat_at)
         VALUES ($1, 'restored', 'restored', 'manual', 'running', now() - interval '5 minutes')`,
      [id],
    );
    const backup = (await t.admin('GET', `/server/projects/restored/backups/${id}`)).body.data;
    assert.equal(backup.status, 'failed');
    assert.match(backup.error, /Interrupted/);
  });

  it('refuses a backup whose archive is damaged or gone (400, nothing provisioned)', async () => {
    const started = await t.admin('POST', '/server/projects/restored/backups');
    const backup = await finished('restored', started.body.data.id);
    assert.equal(backup.status, 'done', backup.error);
    const archive = path.join(t.config.storageLocalRoot, '.backups', `${backup.id}.tar.gz`);
    const unpacked = mkdtempSync(path.join(tmpdir(), 'atrium-tamper-'));
    const refused = async (project: string, message: RegExp) => {
      const response = await t.admin('POST', '/server/projects', {
        body: { project, from_backup: backup.id },
      });
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.errors[0].extensions.code, 'INVALID_PAYLOAD');
      assert.match(response.body.errors[0].message, message);
      assert.equal((await t.admin('GET', `/server/projects/${project}`)).status, 404);
    };
    try {
      // A row changed after it was checksummed.
      execFileSync('tar', ['xzf', archive, '-C', unpacked]);
      const notes = path.join(unpacked, 'data', 'notes.copy');
      writeFileSync(notes, readFileSync(notes, 'utf8').replace('Three', 'Trois'));
      execFileSync('tar', ['czf', archive, '-C', unpacked, '.']);
      await refused('tampered', /table notes does not load as it was backed up.*damaged/);
      writeFileSync(archive, readFileSync(archive).subarray(0, 100));
      await refused('truncated', /archive of backup .* is damaged/);
      rmSync(archive);
      await refused('vanished', /archive of backup .* is gone/);
    } finally {
      rmSync(unpacked, { recursive: true, force: true });
    }
  });

  it('deletes a finished or failed backup with its archive, and refuses one still queued or running', async () => {
    const platform = t.app.get<DataSource>(PLATFORM_DATA_SOURCE);
    const started = await t.admin('POST', '/server/projects/restored/backups');
    const backup = await finished('restored', started.body.data.id);
    assert.equal(backup.status, 'done', backup.error);
    const archive = path.join(t.config.storageLocalRoot, '.backups', `${backup.id}.tar.gz`);
    assert.ok(existsSync(archive));

    const elsewhere = await t.admin('DELETE', `/server/projects/source/backups/${backup.id}`);
    assert.equal(elsewhere.status, 404, "another project's path does not reach it");
    assert.equal(elsewhere.body.errors[0].extensions.code, 'ROUTE_NOT_FOUND');
    assert.equal((await t.admin('DELETE', '/server/projects/restored/backups/not-an-id')).status, 404);
    assert.ok(existsSync(archive));

    const deleted = await t.admin('DELETE', `/server/projects/restored/backups/${backup.id}`);
    assert.equal(deleted.status, 204, deleted.text);
    assert.equal(existsSync(archive), false, 'the archive went with the row');
    assert.equal((await t.admin('GET', `/server/projects/restored/backups/${backup.id}`)).status, 404);
    assert.equal((await t.admin('DELETE', `/server/projects/restored/backups/${backup.id}`)).status, 404);
    const restore = await t.admin('POST', '/server/projects', {
      body: { project: 'unbacked', from_backup: backup.id },
    });
    assert.equal(restore.status, 400, restore.text);
    assert.match(restore.body.errors[0].message, /there is no backup/);

    for (const status of ['queued', 'running']) {
      const id = randomUUID();
      await platform.query(
        `INSERT INTO atrium_backups (id, project, project_name, reason, status, heartbeat_at)
           VALUES ($1, 'restored', 'restored', 'manual', $2, now())`,
        [id, status],
      );
      const refused = await t.admin('DELETE', `/server/projects/restored/backups/${id}`);
      assert.equal(refused.status, 400, refused.text);
      assert.equal(refused.body.errors[0].extensions.code, 'INVALID_PAYLOAD');
      assert.match(refused.body.errors[0].message, new RegExp(`is ${status}; delete it once it is done`));
      assert.equal((await t.admin('GET', `/server/projects/restored/backups/${id}`)).status, 200);
      await platform.query('DELETE FROM atrium_backups WHERE id = $1', [id]);
    }
    const failed = (await t.admin('GET', '/server/projects/restored/backups')).body.data.find(
      (listed: { status: string }) => listed.status === 'failed',
    );
    assert.ok(failed, 'the interrupted backup of an earlier test is listed');
    assert.equal((await t.admin('DELETE', `/server/projects/restored/backups/${failed.id}`)).status, 204);
  });

  it('writes no archive for a backup deleted before its (retried) job ran', async () => {
    const project = await t.app.get(ProjectRegistry).findFresh('restored');
    assert.ok(project);
    const id = randomUUID();
    assert.equal(await t.app.get(BackupWriter).write(id, project), false);
    assert.equal(existsSync(path.join(t.config.storageLocalRoot, '.backups', `${id}.tar.gz`)), false);
  });

  it('leaves no archive of a backup deleted while it was written (shown interrupted meanwhile)', async () => {
    const platform = t.app.get<DataSource>(PLATFORM_DATA_SOURCE);
    const project = await t.app.get(ProjectRegistry).findFresh('restored');
    assert.ok(project);
    const id = randomUUID();
    await platform.query(
      `INSERT INTO atrium_backups (id, project, project_name, reason, status, heartbeat_at)
         VALUES ($1, 'restored', 'restored', 'manual', 'queued', now())`,
      [id],
    );
    // A lock on one of its tables holds the writer at its COPY, after it marked the row running.
    const holder = await t.tenantClient('restored');
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE notes IN ACCESS EXCLUSIVE MODE');
      const written = t.app.get(BackupWriter).write(id, project);
      const running = async () =>
        (await platform.query('SELECT status FROM atrium_backups WHERE id = $1', [id]))[0].status ===
        'running';
      for (let i = 0; i < 200 && !(await running()); i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
      assert.ok(await running(), 'the writer started');
      // As a reader marks a silent writer: the row is failed, so the operator may delete it.
      await platform.query(
        `UPDATE atrium_backups SET status = 'failed', error = 'Interrupted' WHERE id = $1`,
        [id],
      );
      const deleted = await t.admin('DELETE', `/server/projects/restored/backups/${id}`);
      assert.equal(deleted.status, 204, deleted.text);
      await holder.query('COMMIT');
      assert.equal(await written, false, 'the writer reports the backup as not kept');
    } finally {
      await holder.end();
    }
    assert.equal(existsSync(path.join(t.config.storageLocalRoot, '.backups', `${id}.tar.gz`)), false);
    assert.deepEqual(await platform.query('SELECT id FROM atrium_backups WHERE id = $1', [id]), []);
  });
});
