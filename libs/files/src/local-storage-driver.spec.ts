import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { LocalStorageDriver } from './local-storage-driver';

describe('LocalStorageDriver', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'atrium-storage-'));
  const root = path.join(base, 'project');
  const driver = new LocalStorageDriver(root);
  after(() => rmSync(base, { recursive: true, force: true }));

  it('writes, reports size and sha256, reads back, tells existence and deletes', async () => {
    const bytes = Buffer.from('some bytes\n');
    const stored = await driver.write('a.txt', Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]));
    assert.deepEqual(stored, {
      size: bytes.length,
      checksum: createHash('sha256').update(bytes).digest('hex'),
    });
    assert.deepEqual(readFileSync(path.join(root, 'a.txt')), bytes);
    const chunks: Buffer[] = [];
    for await (const chunk of driver.read('a.txt')) chunks.push(chunk as Buffer);
    assert.deepEqual(Buffer.concat(chunks), bytes);
    assert.equal(await driver.exists('a.txt'), true);
    await driver.delete('a.txt');
    await driver.delete('a.txt');
    assert.equal(await driver.exists('a.txt'), false);
    assert.deepEqual(readdirSync(root), []);
  });

  it('reads a byte range and states size and modification time', async () => {
    await driver.write('r.txt', Readable.from([Buffer.from('0123456789')]));
    const chunks: Buffer[] = [];
    for await (const chunk of driver.read('r.txt', { start: 2, end: 5 })) chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).toString(), '2345');
    const facts = await driver.stat('r.txt');
    assert.equal(facts?.size, 10);
    assert.ok(facts && Math.abs(facts.modified.getTime() - Date.now()) < 60_000);
    assert.equal(await driver.stat('missing.txt'), null);
    await driver.write('r__v1.webp', Readable.from([Buffer.from('v')]));
    assert.deepEqual(await driver.list('r__'), ['r__v1.webp']);
    await driver.delete('r__v1.webp');
    await driver.delete('r.txt');
  });

  it('opens an object with its facts before reading it, and says when there is none', async () => {
    await driver.write('o.txt', Readable.from([Buffer.from('0123456789')]));
    const whole = await driver.open('o.txt');
    assert.equal(whole?.size, 10);
    assert.ok(whole && Math.abs(whole.modified.getTime() - Date.now()) < 60_000);
    // Opened, then gone: the open object still reads whole (what a request already answering relies on).
    await driver.delete('o.txt');
    const chunks: Buffer[] = [];
    for await (const chunk of whole!.read()) chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).toString(), '0123456789');
    whole!.close();
    await driver.write('o.txt', Readable.from([Buffer.from('0123456789')]));
    const ranged = await driver.open('o.txt');
    const part: Buffer[] = [];
    for await (const chunk of ranged!.read({ start: 3, end: 4 })) part.push(chunk as Buffer);
    assert.equal(Buffer.concat(part).toString(), '34');
    const unread = await driver.open('o.txt');
    unread!.close();
    unread!.close();
    assert.equal(await driver.open('missing.txt'), null);
    assert.equal(await driver.open('../outside.txt'), null);
    await driver.delete('o.txt');
  });

  it('leaves nothing behind when the stream fails half-way', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('first half');
      throw new Error('client went away');
    }
    await assert.rejects(driver.write('b.txt', Readable.from(failing())), /client went away/);
    assert.deepEqual(readdirSync(root), []);
  });

  it('refuses names that would leave its folder', async () => {
    for (const name of ['../outside.txt', 'sub/inner.txt', '..']) {
      await assert.rejects(driver.write(name, Readable.from([Buffer.from('x')])), {
        code: 'INVALID_PAYLOAD',
      });
      assert.equal(await driver.exists(name), false);
    }
    assert.deepEqual(readdirSync(base), ['project']);
  });

  it('removes the whole project folder with deleteAll, and again without complaint', async () => {
    await driver.write('c.txt', Readable.from([Buffer.from('c')]));
    await driver.write('d.txt', Readable.from([Buffer.from('d')]));
    await driver.deleteAll();
    await driver.deleteAll();
    assert.deepEqual(readdirSync(base), []);
  });
});
