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
 * An object opened for reading: its facts are known and it is known to exist, its bytes are not read yet.
 * Either read it once or close it (a HEAD, a 304, an error before the body): an open object holds a file
 * descriptor or a connection.
 */
export interface OpenedObject extends ObjectFacts {
  /** The bytes, or only `range` of them; the stream owns the object from then on. Call it at most once. */
  read(range?: ByteRange): Readable;
  /** Releases an object that will not be read; a no-op once `read` was called. */
  close(): void;
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
  /**
   * The object opened for reading, or null when there is no such object: a server answering with its
   * bytes opens it before it sends any header, so an object gone since it was last seen (a deleted file, an
   * evicted variant) is a clean "not found" rather than a broken body.
   */
  open(name: string): Promise<OpenedObject | null>;
  /** Size and modification time, or null when there is no such object. */
  stat(name: string): Promise<ObjectFacts | null>;
  delete(name: string): Promise<void>;
  exists(name: string): Promise<boolean>;
  /** Names of the project's objects starting with `prefix` (a file's cached variants). */
  list(prefix: string): Promise<string[]>;
  /** Removes every object of this project (its deletion); nothing to remove is not an error. */
  deleteAll(): Promise<void>;
}
