import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { S3TestServer } from '../support/s3-test-server';
import { TestApp } from '../support/test-app';
import { projectWithAdmin, tenantRows } from './system-data-fixture';

const PROJECT = 'bucketed';
const NEIGHBOUR = 'neighbour';
const ROOT = 'atrium/uploads';
const BOUNDARY = '----atrium-s3-boundary-41c9';

/** A one-file multipart/form-data body with a title part before the file, as a browser sends it. */
function multipart(filename: string, content: string, title?: string): string {
  const titlePart =
    title === undefined
      ? ''
      : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n`;
  return (
    titlePart +
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
    `Content-Type: text/plain\r\n\r\n${content}\r\n--${BOUNDARY}--\r\n`
  );
}

interface FileRow {
  id: string;
  storage: string;
  filename_disk: string;
  filesize: number | string;
}

/** The keys of projects' objects: not the platform's backups folder beside them. */
const projectObjects = (keys: string[]): string[] =>
  keys.filter((key) => !key.split('/').includes('.backups'));

describe('/files in an s3 storage location', () => {
  let s3: S3TestServer;
  let t: TestApp;
  const tokens: Record<string, string> = {};

  const send = (method: 'POST' | 'PATCH', project: string, url: string, body: string) =>
    t.request(method, `/${project}${url}`, {
      token: tokens[project],
      rawBody: body,
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
  const rowOf = async (project: string, id: string) =>
    (
      await tenantRows<FileRow>(
        t,
        project,
        'SELECT id, storage, filename_disk, filesize FROM directus_files WHERE id = $1',
        [id],
      )
    )[0];

  before(async () => {
    s3 = await S3TestServer.start();
    t = await TestApp.start({ STORAGE_LOCATIONS: 's3', ...s3.env('s3', ROOT) });
    tokens[PROJECT] = await projectWithAdmin(t, PROJECT);
    tokens[NEIGHBOUR] = await projectWithAdmin(t, NEIGHBOUR);
  });
  after(async () => {
    await t?.close();
    await s3?.close();
  });

  it('uploads into the bucket under the project prefix, replaces, deletes and cleans up with the project', async () => {
    const created = await send('POST', PROJECT, '/files', multipart('notes.txt', 'first bytes', 'Notes'));
    assert.equal(created.status, 200, created.text);
    const id = created.body.data.id as string;
    assert.equal(created.body.data.storage, 's3');
    const row = await rowOf(PROJECT, id);
    assert.equal(row.storage, 's3');
    assert.equal(Number(row.filesize), 'first bytes'.length);
    const key = `${ROOT}/${PROJECT}/${row.filename_disk}`;
    assert.deepEqual(await s3.keys(), [key]);
    assert.equal((await s3.bytes(key)).toString(), 'first bytes');

    const neighbour = await send('POST', NEIGHBOUR, '/files', multipart('other.txt', 'not yours'));
    assert.equal(neighbour.status, 200, neighbour.text);
    const neighbourRow = await rowOf(NEIGHBOUR, neighbour.body.data.id as string);
    const neighbourKey = `${ROOT}/${NEIGHBOUR}/${neighbourRow.filename_disk}`;

    const replaced = await send(
      'PATCH',
      PROJECT,
      `/files/${id}`,
      multipart('notes-v2.txt', 'second, longer bytes'),
    );
    assert.equal(replaced.status, 200, replaced.text);
    const replacedRow = await rowOf(PROJECT, id);
    assert.equal(replacedRow.storage, 's3');
    assert.notEqual(replacedRow.filename_disk, row.filename_disk);
    assert.equal(Number(replacedRow.filesize), 'second, longer bytes'.length);
    const newKey = `${ROOT}/${PROJECT}/${replacedRow.filename_disk}`;
    assert.deepEqual(await s3.keys(`${ROOT}/${PROJECT}/`), [newKey]);
    assert.equal((await s3.bytes(newKey)).toString(), 'second, longer bytes');

    // Served back from the bucket: whole, and one byte range.
    const served = await t.request('GET', `/${PROJECT}/assets/${id}`, { token: tokens[PROJECT] });
    assert.equal(served.status, 200, served.text);
    assert.equal(served.text, 'second, longer bytes');
    const ranged = await t.request('GET', `/${PROJECT}/assets/${id}`, {
      token: tokens[PROJECT],
      headers: { range: 'bytes=8-13' },
    });
    assert.equal(ranged.status, 206);
    assert.equal(ranged.text, 'longer');
    assert.equal(ranged.headers['content-range'], 'bytes 8-13/20');
    const cross = await t.request('GET', `/${NEIGHBOUR}/assets/${id}`, { token: tokens[NEIGHBOUR] });
    assert.equal(cross.status, 403, 'another project cannot reach it');

    const deleted = await t.request('DELETE', `/${PROJECT}/files/${id}`, { token: tokens[PROJECT] });
    assert.equal(deleted.status, 204, deleted.text);
    assert.equal(await s3.has(newKey), false);
    assert.deepEqual(await s3.keys(), [neighbourKey]);

    // Two more objects, then the project goes: its prefix empties, the neighbour's object stays.
    for (const name of ['a.txt', 'b.txt']) {
      assert.equal((await send('POST', PROJECT, '/files', multipart(name, name))).status, 200);
    }
    assert.equal((await s3.keys(`${ROOT}/${PROJECT}/`)).length, 2);
    assert.equal((await t.admin('DELETE', `/server/projects/${PROJECT}`)).status, 204);
    assert.deepEqual(projectObjects(await s3.keys()), [neighbourKey]);
    // The final backup stays, in the bucket's platform folder no project owns.
    assert.equal((await s3.keys(`${ROOT}/.backups/`)).length, 1);
  });

  it('leaves no object when an upload is refused or cut off', async () => {
    const refused = await t.request('POST', `/${NEIGHBOUR}/files`, {
      rawBody: multipart('anon.txt', 'anonymous bytes'),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    assert.equal(refused.status, 403, refused.text);
    const cutOff = await send(
      'POST',
      NEIGHBOUR,
      '/files',
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="cut.txt"\r\n` +
        'Content-Type: text/plain\r\n\r\nhalf of it',
    );
    assert.equal(cutOff.status, 400, cutOff.text);
    assert.equal(cutOff.body.errors[0].extensions.code, 'INVALID_PAYLOAD');
    assert.equal((await s3.keys(`${ROOT}/${NEIGHBOUR}/`)).length, 1);
  });
});

describe('/files across storage locations', () => {
  const project = 'mixed';
  let s3: S3TestServer;
  let t: TestApp;
  let token: string;
  let localDir: string;

  const upload = async (filename: string, content: string): Promise<string> => {
    const response = await t.request('POST', `/${project}/files`, {
      token,
      rawBody: multipart(filename, content),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    assert.equal(response.status, 200, response.text);
    return response.body.data.id as string;
  };
  const rowOf = async (id: string) =>
    (
      await tenantRows<FileRow>(
        t,
        project,
        'SELECT id, storage, filename_disk FROM directus_files WHERE id = $1',
        [id],
      )
    )[0];
  /** Moves an uploaded file's bytes to the local location, as if it had been stored there before. */
  const moveToLocal = async (id: string): Promise<string> => {
    const row = await rowOf(id);
    mkdirSync(localDir, { recursive: true });
    writeFileSync(path.join(localDir, row.filename_disk), await s3.bytes(`${project}/${row.filename_disk}`));
    await s3.client.send(
      new DeleteObjectCommand({ Bucket: s3.bucket, Key: `${project}/${row.filename_disk}` }),
    );
    await tenantRows(t, project, `UPDATE directus_files SET storage = 'local' WHERE id = $1`, [id]);
    return row.filename_disk;
  };

  before(async () => {
    s3 = await S3TestServer.start();
    t = await TestApp.start({ STORAGE_LOCATIONS: 's3,local', ...s3.env('s3') });
    token = await projectWithAdmin(t, project);
    localDir = path.join(t.config.storageLocalRoot, project);
  });
  after(async () => {
    await t?.close();
    await s3?.close();
  });

  it('replaces and deletes bytes in the location each row names; project deletion empties every location', async () => {
    const replacedId = await upload('old.txt', 'old local bytes');
    const oldName = await moveToLocal(replacedId);
    const replaced = await t.request('PATCH', `/${project}/files/${replacedId}`, {
      token,
      rawBody: multipart('new.txt', 'new s3 bytes'),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    assert.equal(replaced.status, 200, replaced.text);
    const replacedRow = await rowOf(replacedId);
    assert.equal(replacedRow.storage, 's3');
    assert.equal(existsSync(path.join(localDir, oldName)), false);
    assert.equal((await s3.bytes(`${project}/${replacedRow.filename_disk}`)).toString(), 'new s3 bytes');

    const deletedId = await upload('gone.txt', 'local bytes to delete');
    const deletedName = await moveToLocal(deletedId);
    assert.equal((await t.request('DELETE', `/${project}/files/${deletedId}`, { token })).status, 204);
    assert.equal(existsSync(path.join(localDir, deletedName)), false);

    // A row of a location no longer configured still goes; only its bytes cannot (logged, never a 500).
    const orphanId = await upload('orphan.txt', 'orphan');
    await tenantRows(t, project, `UPDATE directus_files SET storage = 'retired' WHERE id = $1`, [orphanId]);
    assert.equal((await t.request('DELETE', `/${project}/files/${orphanId}`, { token })).status, 204);

    await moveToLocal(await upload('kept.txt', 'kept locally'));
    assert.equal(readdirSync(localDir).length, 1);
    assert.equal((await s3.keys(`${project}/`)).length, 2);
    assert.equal((await t.admin('DELETE', `/server/projects/${project}`)).status, 204);
    assert.equal(existsSync(localDir), false);
    assert.deepEqual(projectObjects(await s3.keys()), []);
    assert.equal((await s3.keys('.backups/')).length, 1, 'the final backup is kept in the bucket');
  });
});
