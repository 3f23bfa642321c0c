import { valueTooLong } from '@atrium/core';
import type { FieldOverview } from '@atrium/schema';
import { wrongType } from './validation-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^\s*-?\d{1,20}\s*$/;
const NUMBER = /^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;
const RANGES: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

function specials(field: FieldOverview): readonly string[] {
  return field.meta?.special ?? [];
}

function integer(field: FieldOverview, value: unknown): number | string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !INTEGER.test(text))
    throw wrongType(field.collection, field.field, field.type);
  const range =
    RANGES[field.schema?.data_type ?? ''] ?? (field.type === 'bigInteger' ? RANGES.bigint : RANGES.integer);
  const big = BigInt(text.trim());
  if (big < range[0] || big > range[1]) throw wrongType(field.collection, field.field, field.type);
  return Number.isSafeInteger(Number(big)) ? Number(big) : big.toString();
}

function boolean(field: FieldOverview, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  throw wrongType(field.collection, field.field, field.type);
}

/** A hash column stores the hash, not the text given: its length limit is the hash's, not the caller's. */
function hashed(field: FieldOverview): boolean {
  return field.type === 'hash' || specials(field).includes('hash');
}

/**
 * 400 VALUE_TOO_LONG naming the field before the database refuses the value (PostgreSQL's own error names no
 * column). A secret's value is never echoed back.
 */
function assertFits(field: FieldOverview, text: string): string {
  const max = field.schema?.max_length;
  if (max !== null && max !== undefined && max > 0 && !hashed(field) && text.length > max) {
    const secret = specials(field).includes('conceal');
    throw valueTooLong(field.collection, field.field, secret ? null : text);
  }
  return text;
}

function text(field: FieldOverview, value: unknown): string {
  const out = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  if (typeof out !== 'string') throw wrongType(field.collection, field.field, field.type);
  return assertFits(field, out);
}

/** JSON columns get text: node-postgres would send a JS array as a PostgreSQL array literal. */
function json(field: FieldOverview, value: unknown): string {
  if (typeof value === 'string' && specials(field).includes('cast-json')) {
    try {
      JSON.parse(value);
      return value;
    } catch {
      // Not JSON text: stored as a JSON string below.
    }
  }
  return JSON.stringify(value);
}

/**
 * A payload value → the value to bind for the field's column, or 400. Dates and times are left to
 * PostgreSQL's parser, whose refusal the global filter answers as INVALID_PAYLOAD.
 */
export function coerceField(field: FieldOverview, value: unknown): unknown {
  if (value === null) return null;
  switch (field.type) {
    case 'string':
    case 'text':
    case 'hash':
      return text(field, value);
    case 'integer':
    case 'bigInteger':
      return integer(field, value);
    case 'float':
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string' && NUMBER.test(value)) return value.trim();
      throw wrongType(field.collection, field.field, field.type);
    case 'boolean':
      return boolean(field, value);
    case 'json':
      return json(field, value);
    case 'csv':
      if (Array.isArray(value)) return assertFits(field, value.map(String).join(','));
      return text(field, value);
    case 'uuid':
      if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
      throw wrongType(field.collection, field.field, field.type);
    case 'date':
    case 'time':
    case 'dateTime':
    case 'timestamp':
      if (typeof value === 'string') return value;
      throw wrongType(field.collection, field.field, field.type);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : value;
  }
}
