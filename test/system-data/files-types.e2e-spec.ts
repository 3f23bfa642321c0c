import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { solidImage } from '../../libs/media/src/testing/images';
import { TestApp } from '../support/test-app';
import { refusal } from './caller-fixture';
import { sendFile } from './multipart-fixture';
import { projectWithAdmin, tenantRows } from './system-data-fixture';

/** The stored type comes from the bytes, not the client's declaration; FILES_MIME_TYPE_ALLOW_LIST applies to it. */
describe('the type of a stored file', () => {
  let t: TestApp;
  let strict: TestApp;
  const tokens: Record<string, string> = {};

  const upload = (app: TestApp, project: string, filename: string, type: string, content: Buffer) =>
    sendFile(app, tokens[project], `/${project}/files?fields=id,type`, { filename, type, content });

  before(async () => {
    t = await TestApp.start();
    tokens.open = await projectWithAdmin(t, 'open');
    strict = await TestApp.start({ FILES_MIME_TYPE_ALLOW_LIST: 'image/*,application/pdf' });
    tokens.strict = await projectWithAdmin(strict, 'strict');
  });
  after(async () => {
    await t?.close();
    await strict?.close();
  });

  it('is what the bytes are, whatever the client declared', async () => {
    const png = await upload(t, 'open', 'report.txt', 'text/plain', await solidImage(4, 4, 'png'));
    assert.equal(png.body.data.type, 'image/png');
    const pdf = await upload(t, 'open', 'x.jpg', 'image/jpeg', Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n'));
    assert.equal(pdf.body.data.type, 'application/pdf');
  });

  it('keeps a declaration the bytes cannot contradict, never a signed format the bytes lack', async () => {
    assert.equal(
      (await upload(t, 'open', 'a.csv', 'text/csv', Buffer.from('a,b\n1,2\n'))).body.data.type,
      'text/csv',
    );
    const fake = await upload(
      t,
      'open',
      'cat.png',
      'image/png',
      Buffer.from('<html><script>alert(1)</script>'),
    );
    assert.equal(fake.body.data.type, 'application/octet-stream');
    const served = await t.request('GET', `/open/assets/${fake.body.data.id}`, { token: tokens.open });
    assert.equal(served.headers['content-type'], 'application/octet-stream');
  });

  it('refuses a type outside FILES_MIME_TYPE_ALLOW_LIST, leaving no row and no bytes', async () => {
    const refused = await upload(
      strict,
      'strict',
      'image.png',
      'image/png',
      Buffer.from('just text, really'),
    );
    assert.deepEqual(refusal(refused), { status: 400, code: 'INVALID_PAYLOAD' });
    assert.match(refused.body.errors[0].message, /application\/octet-stream/);
    assert.deepEqual(await tenantRows(strict, 'strict', 'SELECT id FROM directus_files'), []);
    const dir = path.join(strict.config.storageLocalRoot, 'strict');
    const leftovers = (() => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    })();
    assert.deepEqual(leftovers, []);
    const accepted = await upload(
      strict,
      'strict',
      'pic.bin',
      'application/octet-stream',
      await solidImage(4, 4, 'jpeg'),
    );
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(accepted.body.data.type, 'image/jpeg');
  });
});
