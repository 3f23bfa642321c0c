import { invalidQuery } from '@atrium/core';
import type { DirectusType } from '@atrium/schema';

const INT_RANGE: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,6})?)?$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]([0-9:.]+)(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function fail(type: string, value: unknown): never {
  throw invalidQuery(`"${String(value).slice(0, 100)}" is not a valid ${type} value.`);
}

function validDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function coerceInteger(value: unknown, range: [bigint, bigint], type: string): number | string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) fail(type, value);
    text = String(value);
  } else if (typeof value === 'string' && /^\s*-?\d{1,20}\s*$/.test(value)) text = value.trim();
  else fail(type, value);
  const big = BigInt(text);
  if (big < range[0] || big > range[1]) fail(type, value);
  // Strings keep bigints beyond 2^53 exact; PostgreSQL parses them against the column type.
  return Number.isSafeInteger(Number(text)) ? Number(text) : text;
}

function dataTypeRange(dataType: string | undefined): [bigint, bigint] {
  if (dataType === 'smallint') return INT_RANGE.smallint;
  if (dataType === 'bigint') return INT_RANGE.bigint;
  return INT_RANGE.integer;
}

/**
 * A filter operand → the value to bind for a column of Directus type `type` (PostgreSQL `dataType`), or 400.
 * Bracket syntax gives strings, so numbers and booleans are parsed from text; anything PostgreSQL would
 * refuse to cast is refused here, so a bad operand is a 400 and never a SQL error.
 */
export function coerceValue(
  type: DirectusType | 'count',
  dataType: string | undefined,
  value: unknown,
): unknown {
  if (typeof value === 'string' && value.includes('\u0000')) fail(type, 'NUL');
  if (value instanceof Date) {
    // `$NOW` and friends: meaningful against dates and times only.
    if (type === 'date') return value.toISOString().slice(0, 10);
    if (type === 'time') return value.toISOString().slice(11, 23);
    if (type === 'dateTime') return value.toISOString().slice(0, 23);
    if (type === 'timestamp') return value.toISOString();
    fail(type, value.toISOString());
  }
  switch (type) {
    case 'integer':
      return coerceInteger(value, dataTypeRange(dataType), type);
    case 'bigInteger':
    case 'count':
      return coerceInteger(value, INT_RANGE.bigint, 'integer');
    case 'float':
    case 'decimal': {
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)
            ? Number(value)
            : NaN;
      if (!Number.isFinite(number)) fail(type, value);
      if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value))
        fail(type, value);
      return type === 'decimal' && typeof value === 'string' ? value.trim() : number;
    }
    case 'boolean':
      if (value === true || value === 'true' || value === 1 || value === '1') return true;
      if (value === false || value === 'false' || value === 0 || value === '0') return false;
      return fail(type, value);
    case 'uuid':
      if (typeof value !== 'string' || !isUuid(value)) fail(type, value);
      return value;
    case 'date':
      if (typeof value !== 'string' || !validDate(value)) fail(type, value);
      return value;
    case 'time':
      if (typeof value !== 'string' || !TIME.test(value)) fail(type, value);
      return value;
    case 'dateTime':
    case 'timestamp': {
      if (typeof value !== 'string') fail(type, value);
      if (validDate(value)) return value;
      const match = DATE_TIME.exec(value);
      if (!match || !validDate(match[1]) || !TIME.test(match[2])) fail(type, value);
      return value;
    }
    case 'string':
    case 'text':
    case 'csv':
    case 'hash':
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (typeof value !== 'string') fail(type, value);
      return value;
    default:
      throw invalidQuery(`Fields of type "${type}" can't be compared with this operator.`);
  }
}
