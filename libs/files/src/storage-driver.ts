import type { Readable } from 'node:stream';

/** What a completed write stored: its length in bytes and its SHA-256 (hex). */
export interface StoredObject {
  size: number;
  checksum: string;
}

/**
 * Where a project's file bytes live. Names are flat (`<file id><.ext>`) and chosen by the server, never by
 * a client. The contract fits local disks and S3-compatible stores alike: `write` makes an object appear
 * whole or not at all (a failed or aborted stream leaves nothing), `delete` of a missing object is not an
 * error.
 */
export interface StorageDriver {
  write(name: string, content: Readable): Promise<StoredObject>;
  read(name: string): Readable;
  delete(name: string): Promise<void>;
  exists(name: string): Promise<boolean>;
}
