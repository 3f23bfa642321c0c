import type { DirectusType } from './schema-overview';

/**
 * PostgreSQL column type → Directus type, for columns created outside the API (reference §6, reverse
 * mapping). Keys are the catalog names (`pg_type.typname`) and the SQL spellings `format_type` prints,
 * so either can be passed in.
 */
const COLUMN_TYPES: ReadonlyMap<string, DirectusType> = new Map(
  Object.entries({
    varchar: 'string',
    'character varying': 'string',
    char: 'string',
    character: 'string',
    bpchar: 'string',
    interval: 'string',
    int2: 'integer',
    smallint: 'integer',
    int4: 'integer',
    integer: 'integer',
    int: 'integer',
    serial: 'integer',
    serial2: 'integer',
    serial4: 'integer',
    smallserial: 'integer',
    int8: 'bigInteger',
    bigint: 'bigInteger',
    bigserial: 'bigInteger',
    serial8: 'bigInteger',
    numeric: 'decimal',
    decimal: 'decimal',
    float4: 'float',
    real: 'float',
    float8: 'float',
    'double precision': 'float',
    timestamptz: 'timestamp',
    'timestamp with time zone': 'timestamp',
    timestamp: 'dateTime',
    'timestamp without time zone': 'dateTime',
    json: 'json',
    jsonb: 'json',
    text: 'text',
    citext: 'text',
    uuid: 'uuid',
    bool: 'boolean',
    boolean: 'boolean',
    date: 'date',
    time: 'time',
    'time without time zone': 'time',
    timetz: 'time',
    'time with time zone': 'time',
    bytea: 'binary',
  } satisfies Record<string, DirectusType>),
);

/** Flags in `directus_fields.special` marking a field without a column of its own. */
export const ALIAS_SPECIALS: readonly string[] = [
  'alias',
  'o2m',
  'm2m',
  'm2a',
  'files',
  'translations',
  'group',
  'no-data',
];

/**
 * Flags that decide the type whatever the column holds, first match wins (a `hash` stored in a varchar is
 * a hash, a `cast-json` text column is json). Alias flags come first: such a field has no column at all.
 */
const SPECIAL_TYPES: ReadonlyArray<readonly [string, DirectusType]> = [
  ...ALIAS_SPECIALS.map((flag) => [flag, 'alias'] as const),
  ['cast-json', 'json'],
  ['cast-csv', 'csv'],
  ['hash', 'hash'],
  ['uuid', 'uuid'],
  ['file', 'uuid'],
  ['cast-timestamp', 'timestamp'],
  ['cast-datetime', 'dateTime'],
];

/** `character varying(255)` → `character varying`, `pg_catalog.int4` → `int4`, `"uuid"` → `uuid`. */
function normaliseTypeName(dataType: string): string {
  return dataType
    .trim()
    .toLowerCase()
    .replace(/"/g, '')
    .replace(/^pg_catalog\./, '')
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/\s+/g, ' ');
}

/**
 * The Directus type of a column of PostgreSQL type `dataType`, given its field's `special` flags
 * (null when the field has no meta). Unmapped types (arrays, enums, geometry, inet…) are `unknown`.
 */
export function pgTypeToDirectus(dataType: string, special?: readonly string[] | null): DirectusType {
  if (special && special.length > 0) {
    const match = SPECIAL_TYPES.find(([flag]) => special.includes(flag));
    if (match) return match[1];
  }
  return COLUMN_TYPES.get(normaliseTypeName(dataType)) ?? 'unknown';
}
