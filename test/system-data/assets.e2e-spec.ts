import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { solidImage } from '../../libs/media/src/testing/images';
import { TestApp } from '../support/test-app';
import { projectCaller, refusal, userWithRules, type ProjectCaller } from './caller-fixture';
import { sendFile } from './multipart-fixture';
import { projectWithAdmin, tenantRows } from './system-data-fixture';

describe('/assets/:id serves stored files back', () => {
  let t: TestApp;
  let adminToken: string;
  let admin: ProjectCaller;
  const text = Buffer.from('0123456789abcdef');
  /** A real PNG (so its type is recognised from the bytes) with random bytes after its end. */
  let binary: Buffer;
  let textId: string;
  let binaryId: string;
  let svgId: string;

  async function upload(project: string, token: string, filename: string, type: string, content: Buffer) {
    const res = await sendFile(t, token, `/${project}/files`, { filename, type, content });
    assert.equal(res.status, 200, res.text);
    return res.body.data.id as string;
  }
  const asset = (url: string, headers: Record<string, string> = {}, token: string | null = adminToken) =>
    t.request('GET', `/shop/assets/${url}`, { ...(token ? { token } : {}), headers });

  before(async () => {
    t = await TestApp.start();
    adminToken = await projectWithAdmin(t, 'shop');
    admin = projectCaller(t, 'shop', adminToken);
    textId = await upload('shop', adminToken, 'hello.txt', 'text/plain', text);
    binary = Buffer.concat([await solidImage(8, 8), randomBytes(5000)]);
    binaryId = await upload('shop', adminToken, 'pixel.png', 'image/png', binary);
    svgId = await upload(
      'shop',
      adminToken,
      'logo.svg',
      'image/svg+xml',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'),
    );
  });
  after(async () => {
    await t?.close();
  });

  it('streams the original with its type, length, validators and safety headers', async () => {
    const res = await asset(textId);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.bytes, text);
    assert.equal(res.headers['content-type'], 'text/plain');
    assert.equal(res.headers['content-length'], '16');
    assert.equal(res.headers['content-disposition'], 'inline; filename="hello.txt"');
    assert.equal(res.headers['accept-ranges'], 'bytes');
    assert.match(String(res.headers.etag), /^"[\w-]+"$/);
    assert.ok(!Number.isNaN(Date.parse(String(res.headers['last-modified']))));
    assert.equal(res.headers['cache-control'], 'private, max-age=2592000');
    assert.match(String(res.headers['content-security-policy']), /sandbox/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  it('keeps binary bytes exact, with the file name in the path or not, and ?download as an attachment', async () => {
    assert.deepEqual((await asset(binaryId)).bytes, binary);
    const named = await asset(`${binaryId}/pixel.png`);
    assert.deepEqual(named.bytes, binary);
    assert.equal(named.headers['content-type'], 'image/png');
    const download = await asset(`${binaryId}?download`);
    assert.equal(download.headers['content-disposition'], 'attachment; filename="pixel.png"');
  });

  it('answers one byte range with 206, and 416 with the size for one it cannot satisfy', async () => {
    const middle = await asset(textId, { range: 'bytes=2-5' });
    assert.equal(middle.status, 206);
    assert.equal(middle.text, '2345');
    assert.equal(middle.headers['content-range'], 'bytes 2-5/16');
    assert.equal(middle.headers['content-length'], '4');
    assert.equal((await asset(textId, { range: 'bytes=-3' })).text, 'def');
    assert.equal((await asset(textId, { range: 'bytes=10-' })).text, 'abcdef');
    const tail = await asset(binaryId, { range: 'bytes=5000-' });
    assert.deepEqual(tail.bytes, binary.subarray(5000));
    for (const range of ['bytes=16-', 'bytes=9-3', 'bytes=x-y']) {
      const refused = await asset(textId, { range });
      assert.deepEqual(refusal(refused), { status: 416, code: 'RANGE_NOT_SATISFIABLE' }, range);
      assert.equal(refused.headers['content-range'], 'bytes */16');
    }
  });

  it('answers 304 to a current ETag or date, and sends the whole file for a stale If-Range', async () => {
    const first = await asset(textId);
    const etag = String(first.headers.etag);
    const notModified = await asset(textId, { 'if-none-match': etag });
    assert.equal(notModified.status, 304);
    assert.equal(notModified.text, '');
    assert.equal(notModified.headers.etag, etag);
    assert.equal((await asset(textId, { 'if-none-match': '"other"' })).status, 200);
    const later = new Date(Date.now() + 60_000).toUTCString();
    assert.equal((await asset(textId, { 'if-modified-since': later })).status, 304);
    assert.equal((await asset(textId, { 'if-modified-since': 'Mon, 01 Jan 2001 00:00:00 GMT' })).status, 200);
    const stale = await asset(textId, { range: 'bytes=0-1', 'if-range': '"other"' });
    assert.equal(stale.status, 200);
    assert.equal(stale.text, text.toString());
    assert.equal((await asset(textId, { range: 'bytes=0-1', 'if-range': etag })).status, 206);
  });

  it('a replaced file gets a new ETag', async () => {
    const id = await upload('shop', adminToken, 'v.txt', 'text/plain', Buffer.from('one'));
    const before = String((await asset(id)).headers.etag);
    const res = await sendFile(
      t,
      adminToken,
      `/shop/files/${id}`,
      { filename: 'v.txt', type: 'text/plain', content: Buffer.from('two!') },
      'PATCH',
    );
    assert.equal(res.status, 200, res.text);
    const after = await asset(id, { 'if-none-match': before });
    assert.equal(after.status, 200);
    assert.equal(after.text, 'two!');
    assert.notEqual(after.headers.etag, before);
  });

  it('HEAD answers the same headers without a body', async () => {
    const res = await t.request('HEAD', `/shop/assets/${textId}`, { token: adminToken });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-length'], '16');
    assert.equal(res.headers['content-type'], 'text/plain');
    assert.equal(res.bytes.length, 0);
  });

  it('never renders active content inline: an SVG with a script is a sandboxed attachment', async () => {
    const res = await asset(svgId);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="logo.svg"/);
    assert.match(String(res.headers['content-security-policy']), /sandbox/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  it('answers one 403 for a malformed id, an unknown one, and a row whose bytes are gone', async () => {
    const gone = await upload('shop', adminToken, 'gone.txt', 'text/plain', Buffer.from('bye'));
    const [row] = await tenantRows<{ filename_disk: string }>(
      t,
      'shop',
      'SELECT filename_disk FROM directus_files WHERE id = $1',
      [gone],
    );
    unlinkSync(path.join(t.config.storageLocalRoot, 'shop', row.filename_disk));
    for (const id of ['nope', '00000000-0000-4000-8000-000000000000', gone, "x' OR '1'='1"]) {
      assert.deepEqual(refusal(await asset(encodeURIComponent(id))), { status: 403, code: 'FORBIDDEN' }, id);
    }
  });

  it('is read under the caller’s permissions: anonymous, access_token, a public rule, a row filter', async () => {
    assert.deepEqual(refusal(await asset(textId, {}, null)), { status: 403, code: 'FORBIDDEN' });
    const viaQuery = await t.request('GET', `/shop/assets/${textId}?access_token=${adminToken}`);
    assert.equal(viaQuery.status, 200, 'an <img src> can carry the token in the query');

    const own = await userWithRules(t, 'shop', admin, 'own@shop.test', [
      {
        collection: 'directus_files',
        action: 'read',
        fields: ['id'],
        permissions: { uploaded_by: { _eq: '$CURRENT_USER' } },
      },
      { collection: 'directus_files', action: 'create', fields: ['*'] },
    ]);
    const mine = await upload('shop', own.token, 'mine.txt', 'text/plain', Buffer.from('mine'));
    assert.equal(
      (await asset(mine, {}, own.token)).text,
      'mine',
      'filename_disk need not be readable to them',
    );
    assert.deepEqual(refusal(await asset(textId, {}, own.token)), { status: 403, code: 'FORBIDDEN' });

    const [publicAccess] = await tenantRows<{ policy: string }>(
      t,
      'shop',
      'SELECT policy FROM directus_access WHERE role IS NULL AND "user" IS NULL',
    );
    await admin.ok('POST', '/permissions', {
      policy: publicAccess.policy,
      collection: 'directus_files',
      action: 'read',
      fields: ['id'],
      permissions: { id: { _eq: textId } },
    });
    const anonymous = await asset(textId, {}, null);
    assert.equal(anonymous.status, 200);
    assert.equal(anonymous.headers['cache-control'], 'public, max-age=2592000');
    assert.deepEqual(refusal(await asset(binaryId, {}, null)), { status: 403, code: 'FORBIDDEN' });
  });

  it('keeps projects apart: no route of project B serves a file of project A', async () => {
    const otherToken = await projectWithAdmin(t, 'other');
    const res = await t.request('GET', `/other/assets/${textId}`, { token: otherToken });
    assert.deepEqual(refusal(res), { status: 403, code: 'FORBIDDEN' });
    const crossToken = await t.request('GET', `/shop/assets/${textId}`, { token: otherToken });
    assert.ok(crossToken.status === 401 || crossToken.status === 403, `status ${crossToken.status}`);
  });
});
