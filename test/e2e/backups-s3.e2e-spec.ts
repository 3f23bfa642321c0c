import assert from 'node:assert/strict';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { FileStorage } from '@atrium/files';
import { PLATFORM_DATA_SOURCE } from '@atrium/tenancy';
import type { DataSource } from 'typeorm';
import { sendFile } from '../system-data/multipart-fixture';
import { projectWithAdmin } from '../system-data/system-data-fixture';
import { S3TestServer } from '../support/s3-test-server';
import { TestApp } from '../support/test-app';

const ROOT = 'atrium/uploads';

describe('backups, restores and clones of a project whose files are in S3 and on disk', () => {
  let s3: S3TestServer;
  let t: TestApp;
  let token: string;
  let fileId: string;

  before(async () => {
    s3 = await S3TestServer.start();
    // Uploads go to the bucket (the first location); `local` holds objects of its own.
    t = await TestApp.start({ STORAGE_LOCATIONS: 's3,local', ...s3.env('s3', ROOT) });
    token = await projectWithAdmin(t, 'mixed');
    const uploaded = await sendFile(t, token, '/mixed/files', {
      filename: 'cloud.txt',
      type: 'text/plain',
      content: Buffer.from('bytes in the bucket'),
    });
    assert.equal(uploaded.status, 200, uploaded.text);
    assert.equal(uploaded.body.data.storage, 's3');
    fileId = uploaded.body.data.id;
    await t.app
      .get(FileStorage)
      .forProject('mixed', 'local')
      .write('on-disk.bin', Readable.from([Buffer.from('bytes on disk')]));
  });
  after(async () => {
    await t?.close();
    await s3?.close();
  });

  const keysOf = async (project: string) =>
    (await s3.keys(`${ROOT}/${project}/`)).map((key) => key.slice(`${ROOT}/${project}/`.length));

  it('clones the bucket objects with the database', async () => {
    const cloned = await t.admin('POST', '/server/projects', {
      body: { project: 'twin', clone_of: 'mixed' },
    });
    assert.equal(cloned.status, 201, cloned.text);
    assert.deepEqual(await keysOf('twin'), await keysOf('mixed'));
    const asset = await t.request('GET', `/twin/assets/${fileId}`, { token });
    assert.equal(asset.text, 'bytes in the bucket');
  });

  it('keeps both locations in the final backup and puts each object back where it was', async () => {
    const sourceKeys = await keysOf('mixed');
    assert.equal((await t.admin('DELETE', '/server/projects/mixed')).status, 204);
    assert.deepEqual(await keysOf('mixed'), [], "the deletion removed the project's bucket objects");
    const [final] = (await t.admin('GET', '/server/projects/mixed/backups')).body.data;
    assert.equal(final.status, 'done', final.error);
    assert.equal(final.file_count, 2, 'one object in the bucket, one on disk');
    // The archive went where the files go first (BACKUP_LOCATION unset), beside the projects' prefixes.
    assert.equal(final.storage, 's3');
    assert.deepEqual(await s3.keys(`${ROOT}/.backups/`), [`${ROOT}/.backups/${final.id}.tar.gz`]);
    assert.equal(existsSync(path.join(t.config.storageLocalRoot, '.backups', `${final.id}.tar.gz`)), false);

    const restored = await t.admin('POST', '/server/projects', {
      body: { project: 'mixed', from_backup: final.id },
    });
    assert.equal(restored.status, 201, restored.text);
    assert.deepEqual(await keysOf('mixed'), sourceKeys);
    assert.equal((await t.request('GET', `/mixed/assets/${fileId}`, { token })).text, 'bytes in the bucket');
    const local = t.app.get(FileStorage).forProject('mixed', 'local');
    assert.deepEqual(await local.list(''), ['on-disk.bin']);
  });

  it('refuses a backup whose archive left the bucket, or whose location is no longer configured', async () => {
    await t.createProject('brief');
    assert.equal((await t.admin('DELETE', '/server/projects/brief')).status, 204);
    const [final] = (await t.admin('GET', '/server/projects/brief/backups')).body.data;
    assert.equal(final.status, 'done', final.error);
    const refused = async (message: RegExp) => {
      const response = await t.admin('POST', '/server/projects', {
        body: { project: 'brief', from_backup: final.id },
      });
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.errors[0].extensions.code, 'INVALID_PAYLOAD');
      assert.match(response.body.errors[0].message, message);
      assert.equal((await t.admin('GET', '/server/projects/brief')).status, 404);
    };
    const platform = t.app.get<DataSource>(PLATFORM_DATA_SOURCE);
    await platform.query(`UPDATE atrium_backups SET archive_location = 'archive' WHERE id = $1`, [final.id]);
    await refused(/kept in storage location archive, which this platform does not have/);
    await platform.query(`UPDATE atrium_backups SET archive_location = 's3' WHERE id = $1`, [final.id]);
    await s3.client.send(
      new DeleteObjectCommand({ Bucket: s3.bucket, Key: `${ROOT}/.backups/${final.id}.tar.gz` }),
    );
    await refused(/archive of backup .* is gone from storage location s3/);
  });

  it("deletes a backup's archive from the bucket, and one whose archive is already gone", async () => {
    await t.createProject('passing');
    assert.equal((await t.admin('DELETE', '/server/projects/passing')).status, 204);
    const [final] = (await t.admin('GET', '/server/projects/passing/backups')).body.data;
    const key = `${ROOT}/.backups/${final.id}.tar.gz`;
    assert.ok((await s3.keys(`${ROOT}/.backups/`)).includes(key));
    assert.equal((await t.admin('DELETE', `/server/projects/passing/backups/${final.id}`)).status, 204);
    assert.equal((await s3.keys(`${ROOT}/.backups/`)).includes(key), false);
    assert.deepEqual((await t.admin('GET', '/server/projects/passing/backups')).body.data, []);
    // The previous test took brief's archive out of the bucket: its row still goes.
    const [gone] = (await t.admin('GET', '/server/projects/brief/backups')).body.data;
    assert.equal((await t.admin('DELETE', `/server/projects/brief/backups/${gone.id}`)).status, 204);
  });

  it('answers 503 and changes nothing while the bucket does not answer', async () => {
    const [kept] = (await t.admin('GET', '/server/projects/mixed/backups')).body.data;
    await s3.close();
    const restore = await t.admin('POST', '/server/projects', {
      body: { project: 'later', from_backup: kept.id },
    });
    assert.equal(restore.status, 503, restore.text);
    assert.equal(restore.body.errors[0].extensions.code, 'SERVICE_UNAVAILABLE');
    assert.equal((await t.admin('GET', '/server/projects/later')).status, 404);
    const deletion = await t.admin('DELETE', '/server/projects/twin');
    assert.equal(deletion.status, 503, deletion.text);
    assert.equal((await t.admin('GET', '/server/projects/twin')).body.data.status, 'active');
    const kept503 = await t.admin('DELETE', `/server/projects/mixed/backups/${kept.id}`);
    assert.equal(kept503.status, 503, kept503.text);
    assert.match(kept503.body.errors[0].message, /does not answer; nothing was deleted/);
    assert.equal(
      (await t.admin('GET', `/server/projects/mixed/backups/${kept.id}`)).body.data.status,
      'done',
    );
  });
});
