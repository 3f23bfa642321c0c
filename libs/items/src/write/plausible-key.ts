import type { CollectionOverview } from '@atrium/schema';
import type { Key } from './item-write-session';

const INTEGER_TYPES = new Set(['integer', 'bigInteger']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value can be one of this collection's primary keys, so comparing it with the key column cannot
 * fail in PostgreSQL (which would abort the transaction it runs in).
 */
export function plausibleKey(collection: CollectionOverview, key: unknown): key is Key {
  const type = collection.fields[collection.primary as string]?.type ?? '';
  if (typeof key === 'number')
    return Number.isFinite(key) && (Number.isInteger(key) || !INTEGER_TYPES.has(type));
  if (typeof key !== 'string' || key === '') return false;
  if (INTEGER_TYPES.has(type)) return /^-?\d{1,18}$/.test(key);
  if (type === 'uuid') return UUID.test(key);
  return true;
}
