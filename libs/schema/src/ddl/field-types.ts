import { invalidPayload } from '@atrium/core';
import type { DirectusType } from '../overview/schema-overview';
import type { FieldSchemaInput } from './field-schema-input';

/** The options that shape a column's type. */
export type ColumnTypeOptions = Pick<
  FieldSchemaInput,
  'max_length' | 'numeric_precision' | 'numeric_scale' | 'has_auto_increment'
>;

/** A resolved PostgreSQL column type. */
export interface ColumnType {
  /** Type text for CREATE TABLE / ADD COLUMN (`serial`/`bigserial` when auto-incremented). */
  sql: string;
  /** The plain type, for ALTER COLUMN … TYPE and casts (`integer` for `serial`). */
  base: string;
  autoIncrement: boolean;
}

export const MAX_VARCHAR_LENGTH = 10_485_760;
export const MAX_NUMERIC_PRECISION = 1000;
export const DEFAULT_STRING_LENGTH = 255;
export const DEFAULT_DECIMAL_PRECISION = 10;
export const DEFAULT_DECIMAL_SCALE = 5;

/** Directus types that have a column, and the fixed part of the PostgreSQL type they create. */
const FIXED_COLUMN_TYPES: Readonly<Partial<Record<DirectusType, string>>> = {
  text: 'text',
  integer: 'integer',
  bigInteger: 'bigint',
  float: 'real',
  boolean: 'boolean',
  date: 'date',
  time: 'time',
  dateTime: 'timestamp',
  timestamp: 'timestamptz',
  json: 'json',
  csv: 'text',
  uuid: 'uuid',
  hash: 'varchar(255)',
  binary: 'bytea',
};

/** Every Directus type Atrium knows, column or not. */
export const DIRECTUS_TYPES: readonly DirectusType[] = [
  'string',
  'text',
  'integer',
  'bigInteger',
  'float',
  'decimal',
  'boolean',
  'date',
  'time',
  'dateTime',
  'timestamp',
  'json',
  'csv',
  'uuid',
  'hash',
  'binary',
  'alias',
  'unknown',
];

/** Why `type` is not a Directus type Atrium can create a field of, or null. */
export function directusTypeProblem(type: unknown): string | null {
  if (typeof type !== 'string' || !(DIRECTUS_TYPES as readonly string[]).includes(type)) {
    const shown = typeof type === 'string' ? `"${type.slice(0, 40)}"` : 'missing';
    const geometry = typeof type === 'string' && type.startsWith('geometry');
    return geometry
      ? `Field type ${shown} is not supported: geometry fields need PostGIS, which projects don't have.`
      : `Field type ${shown} is not supported. Use one of: ${DIRECTUS_TYPES.filter((t) => t !== 'unknown').join(', ')}.`;
  }
  if (type === 'unknown')
    return 'Field type "unknown" describes columns Atrium can\'t map; it can\'t be created.';
  return null;
}

/** Why `options` don't fit `type`, or null. Options that don't apply to the type are ignored. */
export function columnTypeProblem(type: unknown, options: ColumnTypeOptions = {}): string | null {
  const typeProblem = directusTypeProblem(type);
  if (typeProblem !== null) return typeProblem;
  if (options.has_auto_increment === true && type !== 'integer' && type !== 'bigInteger') {
    return `Only integer and bigInteger fields can auto-increment, not ${String(type)} fields.`;
  }
  if (type === 'string') {
    return wholeNumberProblem('max_length', options.max_length, 1, MAX_VARCHAR_LENGTH);
  }
  if (type === 'decimal') {
    const precisionProblem = wholeNumberProblem(
      'numeric_precision',
      options.numeric_precision,
      1,
      MAX_NUMERIC_PRECISION,
    );
    if (precisionProblem !== null) return precisionProblem;
    const precision = options.numeric_precision ?? DEFAULT_DECIMAL_PRECISION;
    const scaleProblem = wholeNumberProblem('numeric_scale', options.numeric_scale, 0, precision);
    if (scaleProblem !== null) {
      return options.numeric_precision == null
        ? `${scaleProblem} (numeric_precision defaults to ${DEFAULT_DECIMAL_PRECISION}; send a larger one)`
        : scaleProblem;
    }
  }
  return null;
}

/**
 * The PostgreSQL column type of a Directus `type` with its `schema` options, or null for `alias` (no column).
 * Throws 400 INVALID_PAYLOAD for unknown types and out-of-range options.
 */
export function columnType(type: DirectusType, options: ColumnTypeOptions = {}): ColumnType | null {
  const problem = columnTypeProblem(type, options);
  if (problem !== null) throw invalidPayload(problem);
  if (type === 'alias') return null;
  const autoIncrement = options.has_auto_increment === true;
  if (type === 'string') {
    const sql = `varchar(${options.max_length ?? DEFAULT_STRING_LENGTH})`;
    return { sql, base: sql, autoIncrement };
  }
  if (type === 'decimal') {
    const precision = options.numeric_precision ?? DEFAULT_DECIMAL_PRECISION;
    // A precision below the default scale takes a scale that fits it instead of failing.
    const scale = options.numeric_scale ?? Math.min(DEFAULT_DECIMAL_SCALE, precision);
    const sql = `numeric(${precision}, ${scale})`;
    return { sql, base: sql, autoIncrement };
  }
  const base = FIXED_COLUMN_TYPES[type] as string;
  if (autoIncrement) return { sql: type === 'integer' ? 'serial' : 'bigserial', base, autoIncrement };
  return { sql: base, base, autoIncrement };
}

/** The options that change the column type of `type` (others are ignored for it). */
export function typeOptionKeys(type: DirectusType): readonly (keyof ColumnTypeOptions)[] {
  if (type === 'string') return ['max_length'];
  if (type === 'decimal') return ['numeric_precision', 'numeric_scale'];
  return [];
}

function wholeNumberProblem(key: string, value: unknown, min: number, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return `schema.${key} must be a whole number from ${min} to ${max}.`;
  }
  return null;
}
