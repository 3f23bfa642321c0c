import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3StorageLocation } from '@atrium/core';
import { createS3Client, projectObjectPrefix, S3StorageDriver } from '@atrium/files';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { S3TestServer } from '../support/s3-test-server';

const ROOT = 'tenants/atrium';
const MIB = 1024 * 1024;

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `total` bytes in 64 KiB chunks, then the client goes away instead of ending the stream. */
function failingAfter(total: number): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let sent = 0; sent < total; sent += 64 * 1024) yield Buffer.alloc(64 * 1024, 7);
    throw new Error('client went away');
  }
  return Readable.from(chunks());
}

describe('S3StorageDriver against a real S3 server', () => {
  let server: S3TestServer;
  let location: S3StorageLocation;
  let client: ReturnType<typeof createS3Client>;
  const driverOf = (project: string) =>
    new S3StorageDriver({ client, bucket: server.bucket, prefix: projectObjectPrefix(ROOT, project) });

  before(async () => {
    server = await S3TestServer.start();
    const env = server.env('s3');
    location = {
      name: 's3',
      driver: 's3',
      bucket: server.bucket,
      root: ROOT,
      key: env.STORAGE_S3_KEY,
      secret: env.STORAGE_S3_SECRET,
      region: 'us-east-1',
      endpoint: server.endpoint,
      forcePathStyle: true,
    };
    client = createS3Client(location);
  });
  after(async () => {
    client?.destroy();
    await server?.close();
  });

  it('writes under the project prefix, reports size and sha256, reads back, tells existence and deletes', async () => {
    const driver = driverOf('acme');
    const bytes = Buffer.from('some bytes\n');
    const stored = await driver.write('a.txt', Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]));
    assert.deepEqual(stored, {
      size: bytes.length,
      checksum: createHash('sha256').update(bytes).digest('hex'),
    });
    assert.deepEqual(await server.keys(), ['tenants/atrium/acme/a.txt']);
    assert.deepEqual(await server.bytes('tenants/atrium/acme/a.txt'), bytes);
    assert.deepEqual(await bytesOf(driver.read('a.txt')), bytes);
    assert.equal(await driver.exists('a.txt'), true);
    await driver.delete('a.txt');
    await driver.delete('a.txt');
    assert.equal(await driver.exists('a.txt'), false);
    assert.deepEqual(await server.keys(), []);
  });

  it('reads a byte range, states size and modification time, and says when an object is missing', async () => {
    const driver = driverOf('acme');
    await driver.write('r.txt', Readable.from([Buffer.from('0123456789')]));
    assert.equal((await bytesOf(driver.read('r.txt', { start: 2, end: 5 }))).toString(), '2345');
    const facts = await driver.stat('r.txt');
    assert.equal(facts?.size, 10);
    assert.ok(facts && Math.abs(facts.modified.getTime() - Date.now()) < 60_000);
    assert.equal(await driver.stat('missing.txt'), null);
    await assert.rejects(bytesOf(driver.read('missing.txt')), { code: 'ENOENT' });
    await driver.write('r__v1.webp', Readable.from([Buffer.from('v')]));
    assert.deepEqual(await driver.list('r__'), ['r__v1.webp'], 'names within the project, by prefix');
    assert.deepEqual(await driverOf('other').list('r'), []);
    await driver.delete('r__v1.webp');
    await driver.delete('r.txt');
  });

  it('opens an object with its facts and body in one request, whole or a range, or says it is missing', async () => {
    const driver = driverOf('acme');
    await driver.write('o.txt', Readable.from([Buffer.from('0123456789')]));
    const whole = await driver.open('o.txt');
    assert.equal(whole?.size, 10);
    assert.ok(whole && Math.abs(whole.modified.getTime() - Date.now()) < 60_000);
    assert.equal((await bytesOf(whole!.read())).toString(), '0123456789');
    const ranged = await driver.open('o.txt');
    assert.equal((await bytesOf(ranged!.read({ start: 3, end: 4 }))).toString(), '34');
    const unread = await driver.open('o.txt');
    unread!.close();
    unread!.close();
    assert.equal(await driver.open('missing.txt'), null);
    await driver.delete('o.txt');
  });

  it('streams a file larger than one part as a multipart upload', async () => {
    const driver = driverOf('acme');
    const hash = createHash('sha256');
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let index = 0; index < 12 * 16; index++) {
        const chunk = Buffer.alloc(64 * 1024, index);
        hash.update(chunk);
        yield chunk;
      }
    }
    const stored = await driver.write('big.bin', Readable.from(chunks()));
    assert.deepEqual(stored, { size: 12 * MIB, checksum: hash.digest('hex') });
    assert.equal((await driver.stat('big.bin'))?.size, 12 * MIB);
    const tail = await bytesOf(driver.read('big.bin', { start: 12 * MIB - 2, end: 12 * MIB - 1 }));
    assert.deepEqual(tail, Buffer.from([191, 191]));
    await driver.delete('big.bin');
  });

  for (const [what, total] of [
    ['within the first part', 1024],
    ['after a whole part went up', 6 * MIB],
  ] as const) {
    it(`leaves no object when the stream fails ${what}, and says why`, async () => {
      const driver = driverOf('acme');
      await assert.rejects(driver.write('b.txt', failingAfter(total)), /client went away/);
      assert.equal(await driver.exists('b.txt'), false);
      assert.deepEqual(await server.keys(), []);
    });
  }

  it('refuses names that would leave the project prefix, writing nothing', async () => {
    const driver = driverOf('acme');
    for (const name of ['../other/x.txt', 'sub/inner.txt', '..', '.hidden']) {
      await assert.rejects(driver.write(name, Readable.from([Buffer.from('x')])), {
        code: 'INVALID_PAYLOAD',
      });
      await assert.rejects(driver.exists(name), { code: 'INVALID_PAYLOAD' });
    }
    assert.deepEqual(await server.keys(), []);
    assert.throws(() => projectObjectPrefix(ROOT, '../acme'), /invalid project key/);
  });

  it('keeps two projects apart, even when one key starts with the other', async () => {
    const ab = driverOf('ab');
    const abc = driverOf('abc');
    await ab.write('same.txt', Readable.from([Buffer.from('of ab')]));
    await abc.write('same.txt', Readable.from([Buffer.from('of abc')]));
    await abc.write('only.txt', Readable.from([Buffer.from('abc only')]));
    assert.equal((await bytesOf(ab.read('same.txt'))).toString(), 'of ab');
    assert.equal((await bytesOf(abc.read('same.txt'))).toString(), 'of abc');
    assert.equal(await ab.exists('only.txt'), false);

    await ab.deleteAll();
    assert.deepEqual(await server.keys(), ['tenants/atrium/abc/only.txt', 'tenants/atrium/abc/same.txt']);
    await abc.deleteAll();
    await abc.deleteAll();
    assert.deepEqual(await server.keys(), []);
  });

  it('deletes a project with more objects than one list page holds', async () => {
    const prefix = projectObjectPrefix(ROOT, 'many');
    const names = Array.from({ length: 1010 }, (_, index) => `${index}.txt`);
    for (let start = 0; start < names.length; start += 50) {
      await Promise.all(
        names
          .slice(start, start + 50)
          .map((name) =>
            server.client.send(
              new PutObjectCommand({ Bucket: server.bucket, Key: `${prefix}${name}`, Body: 'x' }),
            ),
          ),
      );
    }
    await driverOf('keep').write('kept.txt', Readable.from([Buffer.from('kept')]));
    assert.equal((await server.keys(prefix)).length, 1010);
    await driverOf('many').deleteAll();
    assert.deepEqual(await server.keys(), ['tenants/atrium/keep/kept.txt']);
  });
});
