import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { projectCaller, refusal, userWithRules, type ProjectCaller } from './caller-fixture';
import { sendFile } from './multipart-fixture';
import { type FileRow, projectWithAdmin, tenantRows } from './system-data-fixture';

const PROJECT = 'archive';
const OTHER = 'neighbour';

/** `POST /files` with a JSON body: a `directus_files` row that describes no stored bytes. */
describe('/files rows without bytes (JSON POST)', () => {
  let t: TestApp;
  let admin: ProjectCaller;
  let adminToken: string;
  /** A stored file of this project and one of another project, whose bytes a JSON row must never reach. */
  let stored: FileRow;
  let neighbours: FileRow;

  const rows = () => tenantRows<FileRow>(t, PROJECT, 'SELECT * FROM directus_files ORDER BY id');
  const objects = (project: string): string[] => {
    const dir = path.join(t.config.storageLocalRoot, project);
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  };
  const asset = (id: string, token = adminToken) => t.request('GET', `/${PROJECT}/assets/${id}`, { token });

  before(async () => {
    t = await TestApp.start();
    adminToken = await projectWithAdmin(t, PROJECT);
    admin = projectCaller(t, PROJECT, adminToken);
    const neighbourToken = await projectWithAdmin(t, OTHER);
    const upload = async (project: string, token: string, content: string): Promise<FileRow> => {
      const res = await sendFile(t, token, `/${project}/files`, {
        filename: 'secret.txt',
        type: 'text/plain',
        content: Buffer.from(content),
      });
      assert.equal(res.status, 200, res.text);
      return res.body.data as FileRow;
    };
    stored = await upload(PROJECT, adminToken, 'stored bytes');
    neighbours = await upload(OTHER, neighbourToken, 'the neighbour project bytes');
  });
  after(async () => {
    await t?.close();
  });

  it('an object creates one row; the server keeps storage, disk name and size, whatever the body says', async () => {
    const before = objects(PROJECT);
    const res = await admin.call(
      'POST',
      '/files?fields=id,title,type,filename_download,storage,filename_disk,filesize,width,uploaded_by',
      {
        title: 'Described elsewhere',
        type: 'image/jpeg',
        filename_download: 'photo.jpg',
        filename_disk: stored.filename_disk,
        storage: 'elsewhere',
        filesize: 123456,
        width: 640,
      },
    );
    assert.equal(res.status, 200, res.text);
    const row = res.body.data as Record<string, unknown>;
    assert.deepEqual(Object.keys(row).sort(), [
      'filename_disk',
      'filename_download',
      'filesize',
      'id',
      'storage',
      'title',
      'type',
      'uploaded_by',
      'width',
    ]);
    assert.deepEqual(
      { ...row, id: undefined, uploaded_by: undefined },
      {
        id: undefined,
        uploaded_by: undefined,
        title: 'Described elsewhere',
        type: 'image/jpeg',
        filename_download: 'photo.jpg',
        storage: stored.storage,
        filename_disk: null,
        filesize: null,
        width: 640,
      },
    );
    assert.equal(typeof row.uploaded_by, 'string', 'the creator is recorded');
    assert.deepEqual(objects(PROJECT), before, 'no bytes were written');
    // No bytes: the same 403 as any file the caller cannot be served, never another file's bytes.
    assert.deepEqual(refusal(await asset(row.id as string)), { status: 403, code: 'FORBIDDEN' });
    assert.equal((await asset(stored.id)).text, 'stored bytes', 'the file it named is untouched');
  });

  it('a disk name of another project (or a path) is dropped just the same', async () => {
    for (const name of [neighbours.filename_disk, `../${OTHER}/${neighbours.filename_disk}`]) {
      const res = await admin.call('POST', '/files', {
        type: 'text/plain',
        filename_download: 'theirs.txt',
        filename_disk: name,
      });
      assert.equal(res.status, 200, res.text);
      const row = res.body.data as FileRow;
      assert.equal(row.filename_disk, null);
      assert.deepEqual(refusal(await asset(row.id)), { status: 403, code: 'FORBIDDEN' });
    }
    assert.deepEqual(objects(OTHER), [neighbours.filename_disk]);
  });

  it('an array creates several rows in one transaction and answers them in order', async () => {
    const res = await admin.call('POST', '/files?fields=title,filename_disk', [
      { type: 'text/plain', filename_download: 'one.txt', title: 'One' },
      { type: 'text/csv', filename_download: 'two.csv', title: 'Two', filename_disk: stored.filename_disk },
    ]);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data, [
      { title: 'One', filename_disk: null },
      { title: 'Two', filename_disk: null },
    ]);
    const count = (await rows()).length;
    // One bad item refuses the whole batch.
    assert.deepEqual(
      refusal(
        await admin.call('POST', '/files', [
          { type: 'text/plain', filename_download: 'fine.txt' },
          { type: 'text/plain', filename_download: 'bad.txt', width: 'wide' },
        ]),
      ),
      { status: 400, code: 'INVALID_PAYLOAD' },
    );
    assert.equal((await rows()).length, count);
  });

  it('refuses a row without a type, without a download name, or a body that is no object', async () => {
    const count = (await rows()).length;
    for (const body of [
      { filename_download: 'untyped.txt' },
      [{ type: 'text/plain', filename_download: 'typed.txt' }, { filename_download: 'untyped.txt' }],
      { type: '', filename_download: 'empty.txt' },
      { type: 'text/plain' },
      'just text',
      42,
    ]) {
      const res = await admin.call('POST', '/files', body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
      assert.ok(
        ['INVALID_PAYLOAD', 'FAILED_VALIDATION'].includes(refusal(res).code ?? ''),
        `${JSON.stringify(body)}: ${res.text}`,
      );
    }
    assert.equal((await rows()).length, count, 'nothing written');
  });

  describe('through the caller’s create permission', () => {
    it('without a create rule: 403 and nothing written', async () => {
      const reader = await userWithRules(t, PROJECT, admin, 'reader@archive.test', [
        { collection: 'directus_files', action: 'read', fields: ['*'] },
      ]);
      const count = (await rows()).length;
      const res = await reader.caller.call('POST', '/files', { type: 'text/plain', filename_download: 'x' });
      assert.deepEqual(refusal(res), { status: 403, code: 'FORBIDDEN' });
      assert.equal((await rows()).length, count);
    });

    it('a create rule limited to some fields refuses the others; without read the answer is 204', async () => {
      const writer = await userWithRules(t, PROJECT, admin, 'writer@archive.test', [
        {
          collection: 'directus_files',
          action: 'create',
          fields: ['type', 'filename_download', 'title'],
          validation: { title: { _nnull: true } },
        },
      ]);
      const count = (await rows()).length;
      for (const body of [
        { type: 'text/plain', filename_download: 'a.txt', title: 'A', description: 'not theirs to set' },
        { type: 'text/plain', filename_download: 'a.txt', title: 'A', filename_disk: stored.filename_disk },
      ]) {
        assert.deepEqual(refusal(await writer.caller.call('POST', '/files', body)), {
          status: 403,
          code: 'FORBIDDEN',
        });
      }
      assert.equal(
        refusal(
          await writer.caller.call('POST', '/files', { type: 'text/plain', filename_download: 'b.txt' }),
        ).status,
        400,
        'the rule’s validation applies',
      );
      assert.equal((await rows()).length, count);
      const res = await writer.caller.call('POST', '/files', {
        type: 'text/plain',
        filename_download: 'c.txt',
        title: 'Theirs',
      });
      assert.equal(res.status, 204, res.text);
      const created = (await rows()).filter((row) => row.title === 'Theirs');
      assert.equal(created.length, 1);
      assert.equal(created[0].uploaded_by, writer.id);
      assert.equal(created[0].filename_disk, null);
    });
  });
});
