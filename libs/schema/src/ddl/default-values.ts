import { invalidPayload } from '@atrium/core';
import type { DirectusType } from '../overview/schema-overview';
import {
  columnTypeProblem,
  type ColumnTypeOptions,
  DEFAULT_DECIMAL_PRECISION,
  DEFAULT_DECIMAL_SCALE,
  DEFAULT_STRING_LENGTH,
} from './field-types';
import { sqlLiteral } from './sql-literal';

/** A checked default: the SQL to put after DEFAULT, or null for "no default". */
type Checked = { sql: string | null } | { problem: string };

const INT4 = { min: -2147483648n, max: 2147483647n };
const INT8 = { min: -9223372036854775808n, max: 9223372036854775807n };
const REAL_MAX = 3.4028234663852886e38;
const REAL_MIN_NORMAL = 1.1754943508222875e-38;
const INTEGER_TEXT = /^-?\d{1,20}$/;
const DECIMAL_TEXT = /^-?\d+(?:\.\d+)?$/;
const FLOAT_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d{1,3})?$/;
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_TEXT = /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?$/;
const DATETIME_TEXT = /^(\d{4}-\d{2}-\d{2})[T ]((?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?)$/;
const TIMESTAMP_TEXT =
  /^(\d{4}-\d{2}-\d{2})[T ]((?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?)(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?$/;
const CURRENT_TIMESTAMP = /^(?:now\(\)|current_timestamp(?:\(\s*([0-6])\s*\))?)$/i;
const GEN_RANDOM_UUID = /^gen_random_uuid\(\)$/i;

/** The temporal types, which accept `now()` / `CURRENT_TIMESTAMP[(p)]` as defaults, and their casts. */
const TEMPORAL_CASTS: Readonly<Partial<Record<DirectusType, string>>> = {
  date: 'date',
  time: 'time',
  dateTime: 'timestamp',
  timestamp: 'timestamptz',
};

/**
 * Why `value` can't be the database default of a `type` column with `options`, or null. `null`/`undefined`
 * mean "no default" and always fit.
 */
export function defaultValueProblem(
  type: DirectusType,
  value: unknown,
  options: ColumnTypeOptions = {},
): string | null {
  const checked = checkDefault(type, value, options);
  return 'problem' in checked ? checked.problem : null;
}

/**
 * The SQL expression for DEFAULT (a literal rendered by `sqlLiteral` or one of the allowed functions), or null
 * for no default. Throws 400 INVALID_PAYLOAD when the value doesn't fit the type.
 */
export function defaultValueSql(
  type: DirectusType,
  value: unknown,
  options: ColumnTypeOptions = {},
): string | null {
  const checked = checkDefault(type, value, options);
  if ('problem' in checked) throw invalidPayload(checked.problem);
  return checked.sql;
}

/** True for the sequence default introspection reports for auto-increment columns (`nextval('…'::regclass)`). */
export function isSequenceDefault(value: unknown): boolean {
  return typeof value === 'string' && /^nextval\(/i.test(value.trim());
}

function checkDefault(type: DirectusType, value: unknown, options: ColumnTypeOptions): Checked {
  const typeProblem = columnTypeProblem(type, options);
  if (typeProblem !== null) return { problem: typeProblem };
  if (value === null || value === undefined) return { sql: null };
  if (options.has_auto_increment === true) {
    // A snapshot read back from the catalog carries the sequence default: it means "auto-increment", nothing more.
    return isSequenceDefault(value)
      ? { sql: null }
      : {
          problem: "An auto-increment field takes its values from a sequence and can't have a default value.",
        };
  }
  switch (type) {
    case 'string':
      return stringDefault(value, options.max_length ?? DEFAULT_STRING_LENGTH);
    case 'text':
      return stringDefault(value, null);
    case 'csv':
      return csvDefault(value);
    case 'integer':
      return integerDefault(value, INT4, 'integer');
    case 'bigInteger':
      return integerDefault(value, INT8, 'bigInteger');
    case 'float':
      return floatDefault(value);
    case 'decimal':
      return decimalDefault(value, options);
    case 'boolean':
      return typeof value === 'boolean'
        ? { sql: sqlLiteral(value, 'boolean') }
        : { problem: 'The default value of a boolean field must be true or false.' };
    case 'date':
    case 'time':
    case 'dateTime':
    case 'timestamp':
      return temporalDefault(type, value);
    case 'json':
      return jsonDefault(value);
    case 'uuid':
      return uuidDefault(value);
    case 'hash':
      return { problem: "A hash field can't have a default value: values are hashed when they are written." };
    case 'binary':
      return { problem: "A binary field can't have a default value." };
    default:
      return { problem: `A ${type} field has no column, so it can't have a default value.` };
  }
}

function stringDefault(value: unknown, maxLength: number | null): Checked {
  if (typeof value !== 'string') return { problem: 'The default value of a text field must be a string.' };
  if (value.includes('\u0000')) return { problem: 'A default value may not contain a NUL character.' };
  if (maxLength !== null && [...value].length > maxLength) {
    return { problem: `The default value is longer than the field's max_length of ${maxLength}.` };
  }
  return { sql: sqlLiteral(value, 'string') };
}

/** A csv default is the stored text (`a,b`) or the list it reads as (`["a","b"]`). */
function csvDefault(value: unknown): Checked {
  if (Array.isArray(value)) {
    if (!value.every((item) => typeof item === 'string' && !item.includes(','))) {
      return {
        problem: 'The default value of a csv field must be a string or a list of strings without commas.',
      };
    }
    return stringDefault(value.join(','), null);
  }
  return typeof value === 'string'
    ? stringDefault(value, null)
    : { problem: 'The default value of a csv field must be a string or a list of strings without commas.' };
}

function integerDefault(value: unknown, range: { min: bigint; max: bigint }, type: string): Checked {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !INTEGER_TEXT.test(text)) {
    return { problem: `The default value of a ${type} field must be a whole number.` };
  }
  const number = BigInt(text);
  if (number < range.min || number > range.max) {
    return {
      problem: `The default value is out of range for a ${type} field (${range.min} to ${range.max}).`,
    };
  }
  return { sql: sqlLiteral(number.toString(), 'number') };
}

function floatDefault(value: unknown): Checked {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const magnitude = typeof text === 'string' ? Math.abs(Number(text)) : NaN;
  if (
    typeof text !== 'string' ||
    !FLOAT_TEXT.test(text) ||
    magnitude > REAL_MAX ||
    (magnitude !== 0 && magnitude < REAL_MIN_NORMAL)
  ) {
    return {
      problem: 'The default value of a float field must be a finite number within the range of real.',
    };
  }
  return { sql: sqlLiteral(text, 'number') };
}

function decimalDefault(value: unknown, options: ColumnTypeOptions): Checked {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL_TEXT.test(text)) {
    return { problem: 'The default value of a decimal field must be a number written without an exponent.' };
  }
  const precision = options.numeric_precision ?? DEFAULT_DECIMAL_PRECISION;
  const scale = options.numeric_scale ?? Math.min(DEFAULT_DECIMAL_SCALE, precision);
  const integerDigits = text.replace(/^-/, '').split('.')[0].replace(/^0+/, '').length;
  const allowed = precision - scale;
  if (integerDigits > allowed) {
    const digits = `${allowed} digit${allowed === 1 ? '' : 's'}`;
    return {
      problem: `The default value doesn't fit decimal(${precision}, ${scale}): at most ${digits} before the decimal point.`,
    };
  }
  return { sql: sqlLiteral(text, 'number') };
}

function temporalDefault(type: DirectusType, value: unknown): Checked {
  const cast = TEMPORAL_CASTS[type] as string;
  if (typeof value === 'string') {
    const fn = CURRENT_TIMESTAMP.exec(value.trim());
    if (fn)
      return {
        sql: fn[0].toLowerCase() === 'now()' ? 'now()' : `CURRENT_TIMESTAMP${fn[1] ? `(${fn[1]})` : ''}`,
      };
    if (temporalTextFits(type, value)) return { sql: `${sqlLiteral(value, 'string')}::${cast}` };
  }
  const shapes: Record<string, string> = {
    date: '"YYYY-MM-DD"',
    time: '"HH:MM[:SS[.ffffff]]"',
    dateTime: '"YYYY-MM-DDTHH:MM[:SS[.ffffff]]" (no time zone)',
    timestamp: '"YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|±HH:MM]"',
  };
  return {
    problem: `The default value of a ${type} field must be ${shapes[type]}, now() or CURRENT_TIMESTAMP.`,
  };
}

function temporalTextFits(type: DirectusType, text: string): boolean {
  if (type === 'time') return TIME_TEXT.test(text);
  if (type === 'date') return isCalendarDate(text);
  const match = (type === 'dateTime' ? DATETIME_TEXT : TIMESTAMP_TEXT).exec(text);
  return match !== null && isCalendarDate(match[1]);
}

function isCalendarDate(text: string): boolean {
  const match = DATE_TEXT.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** A json default is any JSON value; a string is taken as JSON text (the way it is stored and read back). */
function jsonDefault(value: unknown): Checked {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return {
        problem: 'The default value of a json field, when given as a string, must be valid JSON text.',
      };
    }
  }
  const text = JSON.stringify(parsed);
  if (text === undefined || text.includes('\\u0000')) {
    return { problem: 'The default value of a json field must be a JSON value without NUL characters.' };
  }
  return { sql: sqlLiteral(parsed, 'json') };
}

function uuidDefault(value: unknown): Checked {
  if (typeof value === 'string' && GEN_RANDOM_UUID.test(value.trim())) return { sql: 'gen_random_uuid()' };
  if (typeof value === 'string' && UUID_TEXT.test(value)) {
    return { sql: `${sqlLiteral(value.toLowerCase(), 'string')}::uuid` };
  }
  return { problem: 'The default value of a uuid field must be a UUID or gen_random_uuid().' };
}
