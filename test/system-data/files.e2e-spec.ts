import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adminCaller } from '../items/items-fixture';
import { expectData, expectError, PASSWORD, q } from '../permissions/permissions-fixture';
import { TestApp, TestResponse } from '../support/test-app';
import { type FileRow, tenantRows } from './system-data-fixture';

type Caller = (method: string, url: string, body?: unknown) => Promise<TestResponse>;

type Part =
  { name: string; value: string } | { name: string; filename: string; type: string; content: string };

const PROJECT = 'gallery';
const BOUNDARY = '----atrium-test-boundary-7d1f';
/** Small, so a test can go over it cheaply. */
const UPLOAD_LIMIT = 4096;

/** A multipart/form-data body written by hand, as a browser would send it. */
function multipart(parts: readonly Part[], options: { unterminated?: boolean } = {}): string {
  const chunks = parts.map((part) =>
    'filename' in part
      ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
        `Content-Type: ${part.type}\r\n\r\n${part.content}\r\n`
      : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`,
  );
  return chunks.join('') + (options.unterminated ? '' : `--${BOUNDARY}--\r\n`);
}

function file(filename: string, content: string, type = 'text/plain'): Part {
  return { name: 'file', filename, type, content };
}

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('/files', () => {
  let t: TestApp;
  let admin: Caller;
  let adminToken: string;
  let adminId: string;
  let storageDir: string;
  let memberPolicy: string;
  const member = {} as { id: string; token: string; call: Caller };

  const sql = <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    tenantRows<T>(t, PROJECT, text, values);

  function upload(parts: readonly Part[], token = adminToken, query = '', unterminated = false) {
    return t.request('POST', `/${PROJECT}/files${query}`, {
      token,
      rawBody: multipart(parts, { unterminated }),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
  }

  /** Every stored object of the project (temporary ones included), name → sha256. */
  function storage(): Record<string, string> {
    if (!existsSync(storageDir)) return {};
    const digest: Record<string, string> = {};
    for (const name of readdirSync(storageDir).sort()) {
      digest[name] = sha256(readFileSync(path.join(storageDir, name)));
    }
    return digest;
  }

  /** Multipart `PATCH /files/:id`: the SDK's `updateFile(id, formData)`. */
  function replace(id: string, parts: readonly Part[], token = adminToken) {
    return t.request('PATCH', `/${PROJECT}/files/${id}`, {
      token,
      rawBody: multipart(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
  }

  async function fileRows(): Promise<FileRow[]> {
    return sql<FileRow>('SELECT * FROM directus_files ORDER BY id');
  }

  async function addPermission(action: string, permissions: unknown = null): Promise<number> {
    const res = await admin('POST', '/permissions', {
      policy: memberPolicy,
      collection: 'directus_files',
      action,
      fields: ['*'],
      permissions,
    });
    return expectData<{ id: number }>(res, `permission ${action}`).id;
  }

  before(async () => {
    t = await TestApp.start({ FILES_MAX_UPLOAD_SIZE: String(UPLOAD_LIMIT) });
    await t.createProject(PROJECT);
    ({ call: admin } = await adminCaller(t, PROJECT));
    const login = await t.request('POST', `/${PROJECT}/auth/login`, {
      body: { email: `admin@${PROJECT}.test`, password: PASSWORD },
    });
    adminToken = login.body.data.access_token as string;
    adminId = expectData<{ id: string }>(await admin('GET', '/users/me?fields=id')).id;
    storageDir = path.join(t.config.storageLocalRoot, PROJECT);

    const role = expectData<{ id: string }>(await admin('POST', '/roles', { name: 'member' })).id;
    memberPolicy = expectData<{ id: string }>(await admin('POST', '/policies', { name: 'members' })).id;
    await admin('POST', '/access', { policy: memberPolicy, role, user: null });
    const email = `mia@${PROJECT}.test`;
    member.id = expectData<{ id: string }>(
      await admin('POST', '/users', { email, password: PASSWORD, role }),
    ).id;
    const memberLogin = await t.request('POST', `/${PROJECT}/auth/login`, {
      body: { email, password: PASSWORD },
    });
    assert.equal(memberLogin.status, 200, memberLogin.text);
    member.token = memberLogin.body.data.access_token as string;
    member.call = (method, url, body) =>
      t.request(method, `/${PROJECT}${url}`, {
        token: member.token,
        ...(body === undefined ? {} : { body }),
      });
  });
  after(async () => {
    await t?.close();
  });

  describe('uploads as the admin', () => {
    it('stores one file with the metadata sent before it and records the upload', async () => {
      const folder = expectData<{ id: string }>(await admin('POST', '/folders', { name: 'Docs' })).id;
      const content = 'Hello, files!\nSecond line — with UTF-8.\n';
      const res = await upload([
        { name: 'title', value: 'Greeting' },
        { name: 'description', value: 'A short note' },
        { name: 'folder', value: folder },
        { name: 'tags', value: '["notes","hello"]' },
        file('hello world.TXT', content),
      ]);
      const data = expectData<FileRow>(res, 'upload one');
      assert.ok(!Array.isArray(data), 'one file answers an object');
      assert.match(data.id, /^[0-9a-f-]{36}$/);
      assert.equal(data.title, 'Greeting');
      assert.equal(data.description, 'A short note');
      assert.equal(data.folder, folder);
      assert.deepEqual(data.tags, ['notes', 'hello']);
      assert.equal(data.filename_download, 'hello world.TXT');
      assert.equal(data.filename_disk, `${data.id}.txt`);
      assert.equal(data.type, 'text/plain');
      assert.equal(data.storage, 'local');
      assert.equal(Number(data.filesize), Buffer.byteLength(content));
      assert.equal(data.uploaded_by, adminId);
      assert.ok(data.uploaded_on && !Number.isNaN(Date.parse(data.uploaded_on)));

      assert.deepEqual(storage(), { [data.filename_disk]: sha256(Buffer.from(content)) });
      const [row] = await sql<FileRow>('SELECT * FROM directus_files WHERE id = $1', [data.id]);
      assert.equal(row.filename_disk, data.filename_disk);
      const actions = await sql<{ action: string }>(
        "SELECT action FROM directus_activity WHERE collection = 'directus_files' AND item = $1",
        [data.id],
      );
      assert.deepEqual(
        actions.map((a) => a.action),
        ['create'],
      );
      await admin('DELETE', `/files/${data.id}`);
    });

    it('stores several files, each with the metadata sent right before it, and answers a list', async () => {
      const before = storage();
      const res = await upload(
        [
          { name: 'title', value: 'First' },
          file('a.txt', 'alpha'),
          file('my_second-file.md', '# beta', 'text/markdown'),
          { name: 'description', value: 'third one' },
          file('no-extension', 'gamma', 'application/octet-stream'),
        ],
        adminToken,
        '?fields=id,title,description,filename_disk,filename_download,type,filesize',
      );
      const data = expectData<FileRow[]>(res, 'upload several');
      assert.equal(data.length, 3);
      assert.deepEqual(
        data.map((row) => [row.title, row.description, row.type, Number(row.filesize)]),
        [
          ['First', null, 'text/plain', 5],
          // The metadata of a file does not carry over to the next one; the title defaults from the name.
          ['My Second File', null, 'text/markdown', 6],
          ['No Extension', 'third one', 'application/octet-stream', 5],
        ],
      );
      assert.deepEqual(
        data.map((row) => row.filename_disk),
        [`${data[0].id}.txt`, `${data[1].id}.md`, data[2].id],
      );
      assert.deepEqual(storage(), {
        ...before,
        [data[0].filename_disk]: sha256('alpha'),
        [data[1].filename_disk]: sha256('# beta'),
        [data[2].filename_disk]: sha256('gamma'),
      });
      await admin(
        'DELETE',
        '/files',
        data.map((row) => row.id),
      );
      assert.deepEqual(storage(), before);
    });

    it('never lets a client name a path on disk', async () => {
      const res = await upload([
        { name: 'filename_disk', value: '../../escape.sh' },
        { name: 'storage', value: 's3' },
        file('../../evil.sh', 'echo pwned'),
      ]);
      const data = expectData<FileRow>(res);
      assert.equal(data.filename_disk, `${data.id}.sh`);
      assert.equal(data.storage, 'local');
      assert.deepEqual(Object.keys(storage()), [data.filename_disk]);
      assert.equal(existsSync(path.join(t.config.storageLocalRoot, 'escape.sh')), false);
      await admin('DELETE', `/files/${data.id}`);
      assert.deepEqual(storage(), {});
    });
  });

  describe('refused uploads leave nothing behind', () => {
    async function assertNothingLeft(): Promise<void> {
      assert.deepEqual(await fileRows(), [], 'no row');
      assert.deepEqual(storage(), {}, 'no bytes, no temporary file');
    }

    it('answers 413 over the size limit, even when an earlier file of the request was fine', async () => {
      const big = 'x'.repeat(UPLOAD_LIMIT + 1);
      expectError(await upload([file('big.txt', big)]), 413, 'CONTENT_TOO_LARGE');
      await assertNothingLeft();
      expectError(await upload([file('small.txt', 'ok'), file('big.txt', big)]), 413, 'CONTENT_TOO_LARGE');
      await assertNothingLeft();
      // Exactly at the limit is fine.
      const res = await upload([file('edge.txt', 'y'.repeat(UPLOAD_LIMIT))]);
      assert.equal(Number(expectData<FileRow>(res).filesize), UPLOAD_LIMIT);
      await admin('DELETE', `/files/${res.body.data.id}`);
      await assertNothingLeft();
    });

    it('answers 400 for a cut-off body, a database error or no file part', async () => {
      expectError(
        await upload([file('half.txt', 'half of it')], adminToken, '', true),
        400,
        'INVALID_PAYLOAD',
      );
      await assertNothingLeft();
      expectError(
        await upload([
          file('first.txt', 'one'),
          { name: 'folder', value: '00000000-0000-4000-8000-000000000000' },
          file('second.txt', 'two'),
        ]),
        400,
        'INVALID_FOREIGN_KEY',
      );
      await assertNothingLeft();
      expectError(await upload([{ name: 'title', value: 'alone' }]), 400, 'INVALID_PAYLOAD');
      expectError(
        await upload([{ name: 'width', value: 'wide' }, file('w.txt', 'w')]),
        400,
        'INVALID_PAYLOAD',
      );
      await assertNothingLeft();
    });
  });

  describe('reads and metadata updates', () => {
    let files: FileRow[];
    let folder: string;

    before(async () => {
      folder = expectData<{ id: string }>(await admin('POST', '/folders', { name: 'Photos' })).id;
      files = [
        expectData<FileRow>(await upload([{ name: 'folder', value: folder }, file('one.txt', 'one')])),
        expectData<FileRow>(await upload([file('two.csv', 'a,b\n1,2\n', 'text/csv')])),
      ];
    });
    after(async () => {
      await admin('DELETE', '/files', { query: { filter: {} } });
    });

    it('lists, filters, follows the folder relation, SEARCHes and reads one', async () => {
      const listed = expectData<Array<{ id: string; folder: { name: string } | null }>>(
        await admin('GET', `/files?${q({ filter: { type: { _eq: 'text/plain' } } })}&fields=*,folder.name`),
      );
      assert.deepEqual(
        listed.map((row) => [row.id, row.folder]),
        [[files[0].id, { name: 'Photos' }]],
      );
      const searched = expectData<Array<{ id: string }>>(
        await admin('SEARCH', '/files', { query: { filter: { filename_download: { _eq: 'two.csv' } } } }),
      );
      assert.deepEqual(
        searched.map((row) => row.id),
        [files[1].id],
      );
      const one = expectData<FileRow>(await admin('GET', `/files/${files[1].id}?fields=id,type,filesize`));
      assert.deepEqual(
        { ...one, filesize: Number(one.filesize) },
        { id: files[1].id, type: 'text/csv', filesize: 8 },
      );
      expectError(await admin('GET', '/files/00000000-0000-4000-8000-000000000000'), 403, 'FORBIDDEN');
    });

    it('updates metadata (one and batch) without touching the bytes or the server-owned fields', async () => {
      const digest = storage();
      const patched = expectData<FileRow>(
        await admin('PATCH', `/files/${files[0].id}`, {
          title: 'Renamed',
          filename_disk: 'other.txt',
          filesize: 1,
          focal_point_x: '12',
        }),
      );
      assert.equal(patched.title, 'Renamed');
      assert.equal(patched.filename_disk, files[0].filename_disk);
      assert.equal(Number(patched.filesize), 3);
      assert.equal(patched.modified_by, adminId);
      const batch = expectData<FileRow[]>(
        await admin('PATCH', '/files?fields=id,description', {
          keys: files.map((row) => row.id),
          data: { description: 'batch' },
        }),
      );
      assert.deepEqual(
        batch.map((row) => row.description),
        ['batch', 'batch'],
      );
      assert.deepEqual(storage(), digest);
    });
  });

  describe('non-admin users', () => {
    const rules: number[] = [];
    after(async () => {
      for (const id of rules) await admin('DELETE', `/permissions/${id}`);
      await admin('DELETE', '/files', { query: { filter: {} } });
    });

    function memberUpload(parts: readonly Part[]) {
      return upload(parts, member.token);
    }

    it('without a create rule: 403 and nothing written', async () => {
      const digest = storage();
      expectError(await memberUpload([file('nope.txt', 'nope')]), 403, 'FORBIDDEN');
      assert.deepEqual(await fileRows(), []);
      assert.deepEqual(storage(), digest);
    });

    it('with a create rule and a read rule on their own uploads: sees only theirs', async () => {
      rules.push(await addPermission('create'));
      rules.push(await addPermission('read', { uploaded_by: { _eq: '$CURRENT_USER' } }));
      const theirs = expectData<FileRow>(await memberUpload([file('mine.txt', 'mine')]));
      assert.equal(theirs.uploaded_by, member.id);
      const admins = expectData<FileRow>(await upload([file('admin.txt', 'admin only')]));

      const listed = expectData<Array<{ id: string }>>(await member.call('GET', '/files?fields=id'));
      assert.deepEqual(
        listed.map((row) => row.id),
        [theirs.id],
      );
      expectError(await member.call('GET', `/files/${admins.id}`), 403, 'FORBIDDEN');
      assert.equal(
        expectData<Array<{ id: string }>>(await admin('GET', '/files?fields=id&limit=-1')).length,
        2,
        'the admin sees both',
      );
    });

    it('forbidden updates and deletes leave rows and bytes byte-identical', async () => {
      rules.push(await addPermission('update', { uploaded_by: { _eq: '$CURRENT_USER' } }));
      rules.push(await addPermission('delete', { uploaded_by: { _eq: '$CURRENT_USER' } }));
      const rows = await fileRows();
      const [own] = rows.filter((row) => row.uploaded_by === member.id);
      const [other] = rows.filter((row) => row.uploaded_by === adminId);
      const digest = storage();
      assert.equal(Object.keys(digest).length, 2);

      expectError(await member.call('PATCH', `/files/${other.id}`, { title: 'hijacked' }), 403, 'FORBIDDEN');
      expectError(await replace(other.id, [file('evil.txt', 'evil bytes')], member.token), 403, 'FORBIDDEN');
      expectError(
        await member.call('PATCH', '/files', { keys: [own.id, other.id], data: { title: 'x' } }),
        403,
        'FORBIDDEN',
      );
      expectError(await member.call('DELETE', `/files/${other.id}`), 403, 'FORBIDDEN');
      expectError(await member.call('DELETE', '/files', [own.id, other.id]), 403, 'FORBIDDEN');
      expectError(
        await member.call('DELETE', '/files/00000000-0000-4000-8000-000000000000'),
        403,
        'FORBIDDEN',
      );
      assert.deepEqual(await fileRows(), rows);
      assert.deepEqual(storage(), digest);

      // Their own file they may delete: row and bytes go.
      assert.equal((await member.call('DELETE', `/files/${own.id}`)).status, 204);
      assert.deepEqual(
        (await fileRows()).map((row) => row.id),
        [other.id],
      );
      assert.deepEqual(Object.keys(storage()), [other.filename_disk]);
    });
  });

  it('a multipart PATCH replaces the bytes in place of the old ones, keeping the id', async () => {
    const first = expectData<{ id: string; filename_disk: string }>(
      await upload([{ name: 'title', value: 'Kept title' }, file('old.txt', 'old bytes')]),
    );
    const before = storage();
    const replaced = await replace(first.id, [
      { name: 'description', value: 'new' },
      file('new.md', 'new bytes!', 'text/markdown'),
    ]);
    const row = expectData<Record<string, unknown>>(replaced);
    assert.equal(row.id, first.id);
    assert.equal(row.title, 'Kept title');
    assert.equal(row.description, 'new');
    assert.equal(row.type, 'text/markdown');
    assert.equal(row.filename_download, 'new.md');
    assert.equal(Number(row.filesize), 'new bytes!'.length);
    const after = storage();
    assert.equal(after[first.filename_disk], undefined, 'the old bytes are gone');
    assert.equal(after[row.filename_disk as string], sha256('new bytes!'));
    assert.equal(Object.keys(after).length, Object.keys(before).length);
    expectError(await replace(first.id, [file('a.txt', 'a'), file('b.txt', 'b')]), 400, 'INVALID_PAYLOAD');
    assert.deepEqual(storage(), after, 'a refused replacement leaves no bytes behind');
  });
});
