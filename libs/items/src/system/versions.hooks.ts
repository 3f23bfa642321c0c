import { invalidPayload } from '@atrium/core';
import type { CollectionHooks } from './collection-hooks';

/** Keys a version may not take: `?version=main` (and v12's `published`) mean the item itself. */
export const RESERVED_VERSION_KEYS: ReadonlySet<string> = new Set(['main', 'published']);

/** A version's `key` is a name in URLs (`?version=<key>`): letters, digits, `-` and `_`, not a reserved one. */
export const VERSIONS_HOOKS: CollectionHooks = {
  async prepareWrite(values) {
    const key = values.key;
    if (key === undefined) return values;
    if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(key)) {
      throw invalidPayload('"key" has to be 1 to 64 letters, digits, "-" or "_".');
    }
    if (RESERVED_VERSION_KEYS.has(key)) throw invalidPayload(`"${key}" is a reserved version key.`);
    return values;
  },
};
