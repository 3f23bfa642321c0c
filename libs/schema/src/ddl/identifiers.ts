import { invalidPayload } from '@atrium/core';

export type IdentifierKind = 'collection' | 'field';

/** PostgreSQL truncates identifiers beyond NAMEDATALEN - 1 bytes; longer names would silently collide. */
export const MAX_IDENTIFIER_BYTES = 63;

/** What a new collection or field name may look like: lowercase ASCII, so bytes and characters agree. */
export const NEW_IDENTIFIER_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * PostgreSQL's fully *reserved* key words (`pg_get_keywords()` category `R`, PostgreSQL 15 plus
 * `system_user` from 16). Quoting makes them legal, but every hand-written query, SQL console and
 * third-party tool that forgets the quotes breaks on them, so new names may not use them.
 * The "reserved (can be function or type)" words (`left`, `full`, `binary`…) stay allowed: they are
 * common field names and legal as quoted identifiers everywhere.
 */
export const POSTGRES_RESERVED_KEYWORDS: ReadonlySet<string> = new Set([
  'all',
  'analyse',
  'analyze',
  'and',
  'any',
  'array',
  'as',
  'asc',
  'asymmetric',
  'both',
  'case',
  'cast',
  'check',
  'collate',
  'column',
  'constraint',
  'create',
  'current_catalog',
  'current_date',
  'current_role',
  'current_time',
  'current_timestamp',
  'current_user',
  'default',
  'deferrable',
  'desc',
  'distinct',
  'do',
  'else',
  'end',
  'except',
  'false',
  'fetch',
  'for',
  'foreign',
  'from',
  'grant',
  'group',
  'having',
  'in',
  'initially',
  'intersect',
  'into',
  'lateral',
  'leading',
  'limit',
  'localtime',
  'localtimestamp',
  'not',
  'null',
  'offset',
  'on',
  'only',
  'or',
  'order',
  'placing',
  'primary',
  'references',
  'returning',
  'select',
  'session_user',
  'some',
  'symmetric',
  'system_user',
  'table',
  'then',
  'to',
  'trailing',
  'true',
  'union',
  'unique',
  'user',
  'using',
  'variadic',
  'when',
  'where',
  'window',
  'with',
]);

/** Columns every PostgreSQL table already has; a user column of that name can't be created. */
export const POSTGRES_SYSTEM_COLUMNS: ReadonlySet<string> = new Set([
  'oid',
  'ctid',
  'xmin',
  'xmax',
  'cmin',
  'cmax',
  'tableoid',
]);

/**
 * Why `name` can't be used for a new collection or field, or null when it can. The reason is a sentence for
 * `extensions.reason` of a 400 INVALID_PAYLOAD.
 */
export function newIdentifierProblem(name: unknown, kind: IdentifierKind): string | null {
  const label = kind === 'collection' ? 'Collection' : 'Field';
  if (typeof name !== 'string' || name.length === 0) return `${label} name must be a non-empty string.`;
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    return `${label} name "${shown(name)}" is longer than ${MAX_IDENTIFIER_BYTES} characters.`;
  }
  if (!NEW_IDENTIFIER_PATTERN.test(name)) {
    return `${label} name "${shown(name)}" may only contain lowercase letters a-z, digits and underscores, and may not start with a digit.`;
  }
  if (kind === 'collection' && name.startsWith('directus_')) {
    return `Collection name "${name}" is reserved: the "directus_" prefix belongs to system collections.`;
  }
  if (name.startsWith('atrium_')) {
    return `${label} name "${name}" is reserved: the "atrium_" prefix belongs to the platform.`;
  }
  // An unqualified table name is looked up in pg_catalog before the project's schema, so a user table
  // called `pg_authid` would be shadowed by the catalog table in every later query.
  if (kind === 'collection' && name.startsWith('pg_')) {
    return `Collection name "${name}" is reserved: the "pg_" prefix belongs to PostgreSQL's catalog.`;
  }
  if (POSTGRES_RESERVED_KEYWORDS.has(name)) {
    return `${label} name "${name}" is a reserved word in PostgreSQL; choose another name.`;
  }
  if (kind === 'field' && POSTGRES_SYSTEM_COLUMNS.has(name)) {
    return `Field name "${name}" is a PostgreSQL system column name; choose another name.`;
  }
  return null;
}

/** Throws 400 INVALID_PAYLOAD when `name` can't be used for a new collection or field; returns it otherwise. */
export function newIdentifier(name: unknown, kind: IdentifierKind): string {
  const problem = newIdentifierProblem(name, kind);
  if (problem !== null) throw invalidPayload(problem);
  return name as string;
}

/**
 * Why a name of an existing table, column or constraint (read from the catalog, so possibly created outside
 * the API with any characters) can't be quoted safely, or null. Quoting handles every character except NUL,
 * which PostgreSQL refuses in identifiers; the byte limit catches names the catalog could never hold.
 */
export function existingIdentifierProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'A name must be a non-empty string.';
  if (name.includes('\u0000')) return 'A name may not contain a NUL character.';
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    return `Name "${shown(name)}" is longer than ${MAX_IDENTIFIER_BYTES} bytes, so no table, column or constraint can have it.`;
  }
  return null;
}

/** Throws 400 INVALID_PAYLOAD when `name` is not a possible catalog name; returns it otherwise. */
export function existingIdentifier(name: unknown): string {
  const problem = existingIdentifierProblem(name);
  if (problem !== null) throw invalidPayload(problem);
  return name as string;
}

/** A name as it may appear inside a reason: bounded, with control characters made visible. */
function shown(name: string): string {
  const visible = [...name]
    .map((c) =>
      c.charCodeAt(0) < 0x20 || c === '\u007f' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c,
    )
    .join('');
  return visible.length > 80 ? `${visible.slice(0, 77)}...` : visible;
}
