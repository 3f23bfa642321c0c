import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { contentMeter } from './content-meter';
import { assertSafeName } from './disk-name';
import type { ByteRange, ObjectFacts, StorageDriver, StoredObject } from './storage-driver';

/**
 * Files on the local disk, flat under one project's folder (`<STORAGE_LOCAL_ROOT>/<project>/`, which the
 * project's deletion removes). A write streams to a hidden temporary name in the same folder and is renamed
 * into place only once complete, so readers never see half a file and a failure leaves nothing behind.
 */
export class LocalStorageDriver implements StorageDriver {
  constructor(private readonly root: string) {}

  async write(name: string, content: Readable): Promise<StoredObject> {
    const target = this.pathOf(name);
    await mkdir(this.root, { recursive: true });
    const temporary = path.join(this.root, `.${randomUUID()}.part`);
    const { meter, stored } = contentMeter();
    try {
      await pipeline(content, meter, createWriteStream(temporary, { flags: 'wx' }));
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return stored();
  }

  read(name: string, range?: ByteRange): Readable {
    return createReadStream(this.pathOf(name), range ? { start: range.start, end: range.end } : {});
  }

  async stat(name: string): Promise<ObjectFacts | null> {
    try {
      const facts = await stat(this.pathOf(name));
      return facts.isFile() ? { size: facts.size, modified: facts.mtime } : null;
    } catch {
      return null;
    }
  }

  async delete(name: string): Promise<void> {
    await rm(this.pathOf(name), { force: true });
  }

  async exists(name: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(name))).isFile();
    } catch {
      return false;
    }
  }

  async list(prefix: string): Promise<string[]> {
    try {
      // Hidden names are writes still in progress, never objects.
      return (await readdir(this.root)).filter((name) => name.startsWith(prefix) && !name.startsWith('.'));
    } catch {
      return [];
    }
  }

  async deleteAll(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }

  private pathOf(name: string): string {
    return path.join(this.root, assertSafeName(name));
  }
}
