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

/**
 * Packs the entries, in order, into one gzipped tar at `archive`, streaming each from its source. Answers
 * the archive's size and the names of the entries written (those whose `open` answered null are not).
 */
export async function writeArchive(
  archive: string,
  entries: AsyncIterable<ArchiveEntry> | Iterable<ArchiveEntry>,
): Promise<{ size: number; written: string[] }> {
  const pack = tar.pack();
  const done = pipeline(pack, createGzip(), createWriteStream(archive));
  const written: string[] = [];
  try {
    for await (const entry of entries) {
      const content = await entry.open();
      if (!content) continue;
      await new Promise<void>((resolve, reject) => {
        const sink = pack.entry({ name: entry.name, size: content.size }, (error) =>
          error ? reject(error) : resolve(),
        );
        content.stream.on('error', reject).pipe(sink);
      });
      written.push(entry.name);
    }
    pack.finalize();
  } catch (error) {
    pack.destroy(error as Error);
    await done.catch(() => undefined);
    throw error;
  }
  await done;
  return { size: (await stat(archive)).size, written };
}

/** Unpacks an archive written by `writeArchive` into `directory`; names never leave it. */
export async function extractArchive(archive: string, directory: string): Promise<void> {
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
  await pipeline(createReadStream(archive), createGunzip(), extract);
}
