import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { StoredObject } from './storage-driver';

/**
 * A pass-through that counts and hashes the bytes a driver writes, so every driver reports the same
 * `StoredObject` (size and SHA-256) without reading the object back.
 */
export function contentMeter(): { meter: Transform; stored: () => StoredObject } {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  return { meter, stored: () => ({ size, checksum: hash.digest('hex') }) };
}
