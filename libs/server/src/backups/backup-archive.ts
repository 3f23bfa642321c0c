import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import * as tar from 'tar-stream';

/** An entry's bytes once opened: tar needs the size before the bytes. */
export interface EntryContent {
  size: number;
  stream: Readable;
}

/** One entry to put in an archive: its name inside, and how to open its bytes (null: gone, skip it). */
export interface ArchiveEntry {
  name: string;
  open(): Promise<EntryContent | null>;
}

/** An entry read from a file on disk. */
export function fileArchiveEntry(name: string, file: string): ArchiveEntry {
  return {
    name,
    open: async () => ({ size: (await stat(file)).size, stream: createReadStream(file) }),
  };
}

/** Where a packed archive goes: it reads the gzipped bytes to their end and answers how many it stored. */
export type ArchiveSink = (gzipped: Readable) => Promise<{ size: number }>;

/**
 * Packs the entries, in order, into one gzipped tar streamed into `sink` (a storage driver's write), each
 * entry streamed from its source. Answers the archive's size and the names of the entries written (those
 * whose `open` answered null are not). A sink that fails stops the packing with its error.
 */
export async function writeArchive(
  sink: ArchiveSink,
  entries: AsyncIterable<ArchiveEntry> | Iterable<ArchiveEntry>,
): Promise<{ size: number; written: string[] }> {
  const pack = tar.pack();
  const gzipped = createGzip();
  const packed = pipeline(pack, gzipped);
  const stored = sink(gzipped);
  // An entry waiting on a sink that gave up would wait for ever: each one races the sink's failure.
  const sinkFailed = new Promise<never>((_, reject) => stored.catch(reject));
  for (const outcome of [packed, sinkFailed]) outcome.catch(() => undefined);
  const written: string[] = [];
  try {
    for await (const entry of entries) {
      const content = await Promise.race([entry.open(), sinkFailed]);
      if (!content) continue;
      const added = new Promise<void>((resolve, reject) => {
        const target = pack.entry({ name: entry.name, size: content.size }, (error) =>
          error ? reject(error) : resolve(),
        );
        target.once('error', reject);
        content.stream.on('error', reject).pipe(target);
      });
      await Promise.race([added, sinkFailed]).catch((error) => {
        content.stream.destroy();
        throw error;
      });
      written.push(entry.name);
    }
    pack.finalize();
    const [, { size }] = await Promise.all([packed, stored]);
    return { size, written };
  } catch (error) {
    // The sink reads `gzipped` and listens for its error: that is what makes it give up (an upload aborts,
    // a temporary file goes). The packer gets none, so the entry being written raises nothing unheard.
    pack.destroy();
    gzipped.destroy(error as Error);
    await Promise.allSettled([packed, stored]);
    throw error;
  }
}

/** Unpacks an archive written by `writeArchive`, read from `archive`, into `directory`; names never leave it. */
export async function extractArchive(archive: Readable, directory: string): Promise<void> {
  const extract = tar.extract();
  const root = path.resolve(directory);
  extract.on('entry', (header, stream, next) => {
    const target = path.resolve(root, header.name);
    if (header.type !== 'file' || !target.startsWith(root + path.sep)) {
      stream.resume();
      stream.on('end', next);
      return;
    }
    mkdir(path.dirname(target), { recursive: true })
      .then(() => pipeline(stream, createWriteStream(target)))
      .then(() => next(), next);
  });
  await pipeline(archive, createGunzip(), extract);
}
