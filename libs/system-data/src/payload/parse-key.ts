import { forbidden } from '@atrium/core';
import type { CollectionDefinition, PrimaryKey } from '../definitions/collection-definition';
import { isUuid } from './scalars';

/**
 * A primary key from a path or a payload, in the collection's key type; null when it cannot be one (the
 * caller answers 403 FORBIDDEN, as for a key that does not exist).
 */
export function parseKey(definition: CollectionDefinition, raw: unknown): PrimaryKey | null {
  if (definition.primaryKeyType === 'uuid') {
    return typeof raw === 'string' && isUuid(raw) ? raw.toLowerCase() : null;
  }
  const number = typeof raw === 'string' && /^\d{1,10}$/.test(raw) ? Number(raw) : raw;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 && number <= 2_147_483_647
    ? number
    : null;
}

/** `parseKey`, refusing (403 FORBIDDEN) a key that cannot be one, as for a key that does not exist. */
export function requireKey(definition: CollectionDefinition, raw: unknown): PrimaryKey {
  const key = parseKey(definition, raw);
  if (key === null) throw forbidden();
  return key;
}
