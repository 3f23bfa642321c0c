import { randomUUID } from 'node:crypto';
import { close, createReadStream, createWriteStream, fstat, open } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { contentMeter } from './content-meter';
import { assertSafeName } from './disk-name';
import type { ByteRange, ObjectFacts, OpenedObject, StorageDriver, StoredObject } from './storage-driver';

/** Closes a descriptor nobody reads; a failure to close one only opened for reading loses nothing. */
function release(fd: number): void {
  close(fd, () => undefined);
}

/** A regular file opened read-only, with its size and mtime from the descriptor; null when there is none. */
function openFile(file: string): Promise<{ fd: number; facts: ObjectFacts } | null> {
  return new Promise((resolve) => {
    // Callback style, not fs/promises: no FileHandle per request, one libuv round trip per step.
    open(file, 'r', (openError, fd) => {
      if (openError) return resolve(null);
      fstat(fd, (statError, facts) => {
        if (statError || !facts.isFile()) {
          release(fd);
          return resolve(null);
        }
        resolve({ fd, facts: { size: facts.size, modified: facts.mtime } });
      });
    });
  });
}

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

  async open(name: string): Promise<OpenedObject | null> {
    let file: string;
    try {
      file = this.pathOf(name);
    } catch {
      return null;
    }
    const opened = await openFile(file);
    if (!opened) return null;
    const { fd, facts } = opened;
    let owned = true;
    return {
      ...facts,
      read: (range) => {
        owned = false;
        // The stream reads the descriptor already open (no second open) and closes it when done or destroyed.
        return createReadStream(file, { fd, autoClose: true, ...(range ?? {}) });
      },
      close: () => {
        if (owned) release(fd);
        owned = false;
      },
    };
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
