import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { type ArchiveEntry, extractArchive, writeArchive } from './backup-archive';

const entryOf = (name: string, text: string): ArchiveEntry => ({
  name,
  open: async () => ({ size: Buffer.byteLength(text), stream: Readable.from([Buffer.from(text)]) }),
});

/** A sink keeping the bytes in memory. */
function memorySink() {
  const chunks: Buffer[] = [];
  return {
    bytes: () => Buffer.concat(chunks),
    sink: async (gzipped: Readable) => {
      for await (const chunk of gzipped) chunks.push(chunk as Buffer);
      return { size: Buffer.concat(chunks).length };
    },
  };
}

describe('backup archives', () => {
  it('streams entries into the sink and unpacks them again, skipping those gone meanwhile', async () => {
    const memory = memorySink();
    const gone: ArchiveEntry = { name: 'gone.txt', open: async () => null };
    const { size, written } = await writeArchive(memory.sink, [
      entryOf('a.txt', 'first'),
      gone,
      entryOf('dir/b.txt', 'second'),
    ]);
    assert.deepEqual(written, ['a.txt', 'dir/b.txt']);
    assert.equal(size, memory.bytes().length);
    const directory = await mkdtemp(path.join(tmpdir(), 'atrium-archive-spec-'));
    try {
      await extractArchive(Readable.from([memory.bytes()]), directory);
      assert.equal(await readFile(path.join(directory, 'a.txt'), 'utf8'), 'first');
      assert.equal(await readFile(path.join(directory, 'dir', 'b.txt'), 'utf8'), 'second');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("fails with the sink's error, not waiting for ever, when the sink gives up mid-way", async () => {
    const refusing = async (gzipped: Readable) => {
      gzipped.destroy();
      throw new Error('the bucket said no');
    };
    // Entries big enough that packing them must wait for a reader.
    const big = 'x'.repeat(4 * 1024 * 1024);
    const entries = Array.from({ length: 8 }, (_, index) => entryOf(`big-${index}`, big));
    await assert.rejects(writeArchive(refusing, entries), /the bucket said no/);
  });

  it('tells the sink to give up when an entry cannot be read (an upload must not wait for ever)', async () => {
    // As the S3 driver reads: piped into a stream of its own, giving up on the source's error only.
    const uploading = async (gzipped: Readable) => {
      const meter = new PassThrough();
      gzipped.once('error', (error) => meter.destroy(error));
      gzipped.pipe(meter);
      let size = 0;
      for await (const chunk of meter) size += (chunk as Buffer).length;
      return { size };
    };
    async function* failing(): AsyncGenerator<ArchiveEntry> {
      yield entryOf('a.txt', 'first');
      throw new Error('the bucket listing failed');
    }
    await assert.rejects(writeArchive(uploading, failing()), /the bucket listing failed/);
  });

  it('refuses an archive that is not one', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'atrium-archive-spec-'));
    try {
      await assert.rejects(extractArchive(Readable.from([Buffer.from('not gzip')]), directory));
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
