import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import * as tar from 'tar-stream';

/** One entry to put in an archive: a file on disk under the name it gets inside. */
export interface ArchiveEntry {
  name: string;
  file: string;
}

/** Packs the entries, in order, into one gzipped tar at `archive`. */
export async function writeArchive(archive: string, entries: readonly ArchiveEntry[]): Promise<number> {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip(), createWriteStream(archive));
  try {
    for (const entry of entries) {
      const { size } = await stat(entry.file);
      await new Promise<void>((resolve, reject) => {
        const sink = pack.entry({ name: entry.name, size }, (error) => (error ? reject(error) : resolve()));
        createReadStream(entry.file).on('error', reject).pipe(sink);
      });
    }
    pack.finalize();
  } catch (error) {
    pack.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  }
  await written;
  return (await stat(archive)).size;
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
