import { createHash } from 'node:crypto';
import { MAX_IDENTIFIER_BYTES } from './identifiers';

/** The suffixes Atrium's deterministic names end with (the knex conventions Directus databases use). */
export type ConstraintSuffix = 'foreign' | 'unique' | 'index';

const HASH_LENGTH = 8;

/**
 * `<table>_<column>_<suffix>`, at most 63 bytes. A longer name would be truncated by PostgreSQL and could
 * collide with another column's, so it is cut shorter and a hash of the full name keeps it distinct.
 */
export function constraintName(table: string, column: string, suffix: ConstraintSuffix): string {
  const full = `${table}_${column}_${suffix}`;
  if (Buffer.byteLength(full, 'utf8') <= MAX_IDENTIFIER_BYTES) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, HASH_LENGTH);
  const budget = MAX_IDENTIFIER_BYTES - suffix.length - HASH_LENGTH - 2;
  return `${truncateBytes(`${table}_${column}`, budget)}_${hash}_${suffix}`;
}

/** The default name of a foreign key from `table.column`. */
export function foreignKeyName(table: string, column: string): string {
  return constraintName(table, column, 'foreign');
}

/** The longest prefix of `text` within `maxBytes` UTF-8 bytes, never splitting a character. */
function truncateBytes(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}
