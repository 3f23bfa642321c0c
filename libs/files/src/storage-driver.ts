import type { Readable } from 'node:stream';

/** What a completed write stored: its length in bytes and its SHA-256 (hex). */
export interface StoredObject {
  size: number;
  checksum: string;
}

/** Bytes `start` to `end` of an object, both inclusive (as in an HTTP `Range` header). */
export interface ByteRange {
  start: number;
  end: number;
}

/** What the store knows about an object without reading it. */
export interface ObjectFacts {
  size: number;
  modified: Date;
}

/**
 * Where a project's file bytes live. Names are flat (`<file id><.ext>`) and chosen by the server, never by
 * a client. The contract fits local disks and S3-compatible stores alike: `write` makes an object appear
 * whole or not at all (a failed or aborted stream leaves nothing), `delete` of a missing object is not an
 * error.
 */
export interface StorageDriver {
  write(name: string, content: Readable): Promise<StoredObject>;
  /** The object's bytes, or only `range` of them; the stream errors (ENOENT-like) when it is missing. */
  read(name: string, range?: ByteRange): Readable;
  /** Size and modification time, or null when there is no such object. */
  stat(name: string): Promise<ObjectFacts | null>;
  delete(name: string): Promise<void>;
  exists(name: string): Promise<boolean>;
  /** Names of the project's objects starting with `prefix` (a file's cached variants). */
  list(prefix: string): Promise<string[]>;
  /** Removes every object of this project (its deletion); nothing to remove is not an error. */
  deleteAll(): Promise<void>;
}
