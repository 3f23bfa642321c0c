import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { imageWithPatch, pixelAt, pngClaiming, solidImage } from '../../libs/media/src/testing/images';
import { sharp } from '../../libs/media/src/sharp';
import { TestApp, type TestResponse } from '../support/test-app';
import { SKIP_WITHOUT_REDIS } from '../support/test-env';
import { projectCaller, refusal, type ProjectCaller } from './caller-fixture';
import { sendFile } from './multipart-fixture';
import { projectWithAdmin } from './system-data-fixture';

async function imageOf(res: TestResponse): Promise<{ format?: string; width?: number; height?: number }> {
  assert.equal(res.status, 200, res.text);
  const { format, width, height } = await sharp(res.bytes).metadata();
  return { format, width, height };
}

describe('/assets/:id transformations', () => {
  let t: TestApp;
  let token: string;
  let admin: ProjectCaller;
  let pngId: string;
  let jpegId: string;
  let textId: string;
  let storageDir: string;

  async function upload(filename: string, type: string, content: Buffer): Promise<string> {
    const res = await sendFile(t, token, '/pics/files', { filename, type, content });
    assert.equal(res.status, 200, res.text);
    return res.body.data.id;
  }
  const asset = (url: string, headers: Record<string, string> = {}) =>
    t.request('GET', `/pics/assets/${url}`, { token, headers });

  before(async () => {
    t = await TestApp.start();
    token = await projectWithAdmin(t, 'pics');
    admin = projectCaller(t, 'pics', token);
    storageDir = path.join(t.config.storageLocalRoot, 'pics');
    pngId = await upload('banner.png', 'image/png', await solidImage(400, 300, 'png'));
    jpegId = await upload('photo.jpg', 'image/jpeg', await solidImage(640, 480, 'jpeg'));
    textId = await upload('notes.txt', 'text/plain', Buffer.from('plain text'));
  });
  after(async () => {
    await t?.close();
  });

  it('serves a system preset, a resize to WebP, and stores each variant once', async () => {
    const small = await asset(`${pngId}?key=system-small-cover`);
    assert.deepEqual(await imageOf(small), { format: 'png', width: 64, height: 64 });
    assert.match(String(small.headers.vary), /Accept/);
    const webp = await asset(`${jpegId}?width=200&format=webp`);
    assert.deepEqual(await imageOf(webp), { format: 'webp', width: 200, height: 150 });
    assert.equal(webp.headers['content-type'], 'image/webp');
    assert.equal(webp.headers['content-disposition'], 'inline; filename="photo.webp"');
    const variants = () =>
      readdirSync(storageDir).filter((name) => name.startsWith(jpegId) && name.includes('__'));
    assert.equal(variants().length, 1);
    const again = await asset(`${jpegId}?format=webp&width=200`);
    assert.deepEqual(again.bytes, webp.bytes, 'the same variant, from storage');
    assert.equal(again.headers.etag, webp.headers.etag);
    assert.equal(variants().length, 1);
    assert.equal(
      (await asset(`${jpegId}?width=200&format=webp`, { 'if-none-match': String(webp.headers.etag) })).status,
      304,
    );
  });

  it('format=auto follows Accept and says so in Vary', async () => {
    const avif = await asset(`${pngId}?width=100&format=auto`, { accept: 'image/avif,image/webp,*/*' });
    assert.deepEqual(await imageOf(avif), { format: 'heif', width: 100, height: 75 });
    assert.equal(avif.headers['content-type'], 'image/avif');
    assert.match(String(avif.headers.vary), /Accept/);
    const webp = await asset(`${pngId}?width=100&format=auto`, { accept: 'image/webp' });
    assert.equal(webp.headers['content-type'], 'image/webp');
    const plain = await asset(`${pngId}?width=100&format=auto`, { accept: '*/*' });
    assert.equal(plain.headers['content-type'], 'image/png');
  });

  it('answers a Range on a variant with the whole variant, and serves other files as they are', async () => {
    const ranged = await asset(`${jpegId}?width=50`, { range: 'bytes=0-9' });
    assert.equal(ranged.status, 200);
    assert.equal((await imageOf(ranged)).width, 50);
    const text = await asset(`${textId}?width=50`);
    assert.equal(text.text, 'plain text');
  });

  it('refuses bad parameters with 400, before reading a pixel', async () => {
    const bad: Array<[string, string]> = [
      ['width=100000', 'INVALID_QUERY'],
      ['height=xyz', 'INVALID_QUERY'],
      ['format=exe', 'INVALID_QUERY'],
      ['fit=stretch', 'INVALID_QUERY'],
      [
        `transforms=${encodeURIComponent(JSON.stringify(Array.from({ length: 6 }, () => ['flip'])))}`,
        'INVALID_QUERY',
      ],
      [`transforms=${encodeURIComponent('[["toFile","/tmp/x"]]')}`, 'INVALID_QUERY'],
      ['key=missing', 'INVALID_QUERY'],
      ['key=system-small-cover&width=5', 'INVALID_QUERY'],
    ];
    for (const [query, code] of bad) {
      assert.deepEqual(refusal(await asset(`${pngId}?${query}`)), { status: 400, code }, query);
    }
  });

  it('refuses a decompression bomb and a truncated JPEG quickly, and keeps answering', async () => {
    const bomb = await upload('bomb.png', 'image/png', pngClaiming(20000, 20000));
    const whole = await solidImage(300, 300, 'jpeg');
    const truncated = await upload('cut.jpg', 'image/jpeg', whole.subarray(0, whole.length / 2));
    const started = Date.now();
    assert.deepEqual(refusal(await asset(`${bomb}?width=100`)), {
      status: 400,
      code: 'ILLEGAL_ASSET_TRANSFORMATION',
    });
    assert.deepEqual(refusal(await asset(`${truncated}?width=100`)), {
      status: 400,
      code: 'ILLEGAL_ASSET_TRANSFORMATION',
    });
    assert.ok(Date.now() - started < 5000, 'refused quickly');
    assert.equal((await asset(`${bomb}`)).status, 200, 'the original is still served');

    const rssBefore = process.memoryUsage().rss;
    const stormStarted = Date.now();
    // A good transform asked in the middle of the storm is still made.
    const [storm, during] = await Promise.all([
      Promise.all(
        Array.from({ length: 200 }, (_, n) =>
          asset(`${n % 2 ? bomb : pngId}?${n % 2 ? 'width=10' : `height=${n}x`}`),
        ),
      ),
      asset(`${jpegId}?width=30`),
    ]);
    for (const res of storm) assert.ok(res.status === 400 || res.status === 503, `status ${res.status}`);
    assert.ok(Date.now() - stormStarted < 10_000, 'the storm was refused quickly');
    assert.deepEqual(await imageOf(during), { format: 'jpeg', width: 30, height: 23 });
    assert.ok(process.memoryUsage().rss - rssBefore < 300 * 1024 * 1024, 'memory stayed bounded');
    assert.deepEqual(await imageOf(await asset(`${pngId}?width=20`)), {
      format: 'png',
      width: 20,
      height: 15,
    });
  });

  it('follows the project settings: presets only, then a project preset', async () => {
    await admin.ok('PATCH', '/settings', {
      storage_asset_transform: 'presets',
      storage_asset_presets: [{ key: 'card', width: 32, height: 32, fit: 'cover', format: 'jpg' }],
    });
    assert.deepEqual(refusal(await asset(`${pngId}?width=10`)), { status: 400, code: 'INVALID_QUERY' });
    assert.deepEqual(await imageOf(await asset(`${pngId}?key=card`)), {
      format: 'jpeg',
      width: 32,
      height: 32,
    });
    await admin.ok('PATCH', '/settings', { storage_asset_transform: 'none' });
    assert.deepEqual(refusal(await asset(`${pngId}?key=card`)), { status: 400, code: 'INVALID_QUERY' });
    assert.equal((await asset(`${pngId}?key=system-small-contain`)).status, 200);
    await admin.ok('PATCH', '/settings', { storage_asset_transform: 'all' });
  });

  it('crops fit=cover around the file’s focal point, and a moved point is a new variant', async () => {
    const red = { r: 255, g: 0, b: 0 };
    const grey = { r: 128, g: 128, b: 128 };
    // A red square near the right edge of a 400×200 image: a centred 100×100 cover crop misses it.
    const image = await imageWithPatch(400, 200, { left: 340, top: 70, width: 60, height: 60, colour: red });
    const id = await upload('focus.png', 'image/png', image);
    const square = async (query = 'width=100&height=100') => {
      const res = await asset(`${id}?${query}`);
      assert.deepEqual(await imageOf(res), { format: 'png', width: 100, height: 100 });
      return res.bytes;
    };
    const variants = () =>
      readdirSync(storageDir).filter((name) => name.startsWith(id) && name.includes('__'));
    assert.deepEqual(await pixelAt(await square(), 85, 50), grey, 'no focal point: the centre');

    // The size is the metadata job's (not running here); the point is the editor's.
    await admin.ok('PATCH', `/files/${id}`, {
      width: 400,
      height: 200,
      focal_point_x: 370,
      focal_point_y: 100,
    });
    const focused = await square();
    assert.deepEqual(await pixelAt(focused, 85, 50), red, 'the crop follows the point');
    assert.deepEqual(await pixelAt(await square('width=100&height=100&fit=cover'), 85, 50), red);
    // Variants of their own (`fit=cover` spelt out is named apart), the centred one kept beside them.
    assert.equal(variants().length, 3);

    await admin.ok('PATCH', `/files/${id}`, { focal_point_x: 20 });
    assert.deepEqual(await pixelAt(await square(), 85, 50), grey, 'moved to the left: a new crop');
    assert.equal(variants().length, 4);
    // Other fits show the whole image, so the point changes nothing there (as in Directus).
    const contain = await asset(`${id}?width=100&height=100&fit=contain`);
    assert.deepEqual(await imageOf(contain), { format: 'png', width: 100, height: 100 });
    assert.equal(variants().length, 5);
    await admin.ok('PATCH', `/files/${id}`, { focal_point_x: 370 });
    assert.deepEqual((await asset(`${id}?width=100&height=100&fit=contain`)).bytes, contain.bytes);
    assert.deepEqual((await asset(`${id}?width=100&height=100`)).bytes, focused, 'the first focused variant');
    assert.equal(variants().length, 5);
  });

  it('makes a variant again when it left storage after it was served (evicted), never a broken answer', async () => {
    const id = await upload('evicted.png', 'image/png', await solidImage(60, 40));
    const first = await asset(`${id}?width=30`);
    assert.deepEqual(await imageOf(first), { format: 'png', width: 30, height: 20 });
    const variants = () => readdirSync(storageDir).filter((name) => name.startsWith(`${id}__`));
    for (const name of variants()) rmSync(path.join(storageDir, name));
    const again = await asset(`${id}?width=30`);
    assert.deepEqual(again.bytes, first.bytes);
    assert.equal(again.headers.etag, first.headers.etag, 'the same bytes, the same validator');
    assert.equal(variants().length, 1);
  });

  it('deleting a file removes its cached variants too', async () => {
    const id = await upload('gone.png', 'image/png', await solidImage(50, 50));
    assert.equal((await asset(`${id}?width=10`)).status, 200);
    assert.equal(readdirSync(storageDir).filter((name) => name.startsWith(id)).length, 2);
    await admin.ok('DELETE', `/files/${id}`);
    assert.deepEqual(
      readdirSync(storageDir).filter((name) => name.startsWith(id)),
      [],
    );
    assert.ok(existsSync(storageDir));
  });
});

describe('/assets/:id on another API instance', { skip: SKIP_WITHOUT_REDIS }, () => {
  let t: TestApp;
  let peer: TestApp;
  let token: string;
  let id: string;
  before(async () => {
    t = await TestApp.start();
    peer = await t.startPeer();
    token = await projectWithAdmin(t, 'peers');
    const res = await sendFile(t, token, '/peers/files', {
      filename: 'p.png',
      type: 'image/png',
      content: await solidImage(40, 40, 'png'),
    });
    assert.equal(res.status, 200, res.text);
    id = res.body.data.id;
  });
  after(async () => {
    await peer?.close();
    await t?.close();
  });

  it('follows a settings change made on the other instance (its cached asset settings are dropped)', async () => {
    const onPeer = () => peer.request('GET', `/peers/assets/${id}?width=10`, { token });
    assert.equal((await onPeer()).status, 200, 'the peer has read and cached the settings');
    await projectCaller(t, 'peers', token).ok('PATCH', '/settings', { storage_asset_transform: 'none' });
    let status = 0;
    // The broadcast goes through Redis: give it a moment, far less than the cache's own expiry.
    for (let attempt = 0; attempt < 50 && status !== 400; attempt++) {
      status = (await onPeer()).status;
      if (status !== 400) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(status, 400);
  });
});
