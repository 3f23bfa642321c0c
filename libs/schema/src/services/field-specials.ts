import { ALIAS_SPECIALS } from '../overview/pg-type-to-directus';
import type { DirectusType } from '../overview/schema-overview';

/** Types whose column alone doesn't say what they are: the flag in `special` does (reference §6). */
const TYPE_SPECIALS: Partial<Record<DirectusType, string>> = {
  csv: 'cast-csv',
  hash: 'hash',
};
const TYPE_FLAGS = new Set(Object.values(TYPE_SPECIALS));

/**
 * The `special` list a field of `type` must store so that introspection reads the type back: the type's own
 * flag added, the flags of another type removed; an alias field without any alias flag gets `alias` +
 * `no-data` (Directus's presentation fields). Null when nothing is needed and nothing was asked.
 */
export function specialsForType(type: DirectusType, requested: unknown): string[] | null {
  const list = Array.isArray(requested)
    ? requested.filter((flag): flag is string => typeof flag === 'string')
    : typeof requested === 'string'
      ? requested.split(',').map((flag) => flag.trim())
      : [];
  const own = TYPE_SPECIALS[type];
  let result = list.filter((flag) => !TYPE_FLAGS.has(flag) || flag === own);
  if (own && !result.includes(own)) result = [...result, own];
  if (type === 'alias' && !result.some((flag) => ALIAS_SPECIALS.includes(flag))) {
    result = [...result, 'alias', 'no-data'];
  }
  if (result.length === 0) return requested === undefined || requested === null ? null : [];
  return result;
}

/** True when `special` must be written for a field of `type` whatever meta the client sent. */
export function typeNeedsSpecial(type: DirectusType): boolean {
  return type === 'alias' || TYPE_SPECIALS[type] !== undefined;
}
