import { invalidQuery } from '@atrium/core';
import type { FieldDefinition } from '../definitions/collection-definition';
import type { FilterOperator } from './query-types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT4_MAX = 2_147_483_647;

export const NULL_OPERATORS: ReadonlySet<FilterOperator> = new Set(['_null', '_nnull', '_empty', '_nempty']);
export const LIST_OPERATORS: ReadonlySet<FilterOperator> = new Set(['_in', '_nin']);
export const RANGE_OPERATORS: ReadonlySet<FilterOperator> = new Set(['_between', '_nbetween']);
export const PATTERN_OPERATORS: ReadonlySet<FilterOperator> = new Set([
  '_contains',
  '_ncontains',
  '_icontains',
  '_nicontains',
  '_starts_with',
  '_nstarts_with',
  '_istarts_with',
  '_nistarts_with',
  '_ends_with',
  '_nends_with',
  '_iends_with',
  '_niends_with',
]);

/** Field types whose values are text in SQL (uuid through a `::text` cast): pattern operators apply. */
export function isTextLike(field: FieldDefinition): boolean {
  return field.type === 'string' || field.type === 'csv' || field.type === 'uuid';
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function bad(field: FieldDefinition, operator: string, expected: string): never {
  throw invalidQuery(`The value of "${operator}" on field "${field.name}" has to be ${expected}.`);
}

/** Query-string values arrive as text: `true`/`1` and `false`/`0` are booleans too. */
export function toBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 'true' || value === '1' || value === 1) return true;
  if (value === false || value === 'false' || value === '0' || value === 0) return false;
  return undefined;
}

/** One comparable value for a field, coerced from JSON or query-string text. */
export function coerceScalar(field: FieldDefinition, operator: string, value: unknown): unknown {
  switch (field.type) {
    case 'string':
    case 'csv':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return bad(field, operator, 'a string');
    case 'uuid':
      if (typeof value === 'string' && isUuid(value)) return value;
      return bad(field, operator, 'a UUID');
    case 'integer': {
      const number = typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value;
      if (typeof number === 'number' && Number.isInteger(number) && Math.abs(number) <= INT4_MAX)
        return number;
      return bad(field, operator, 'an integer');
    }
    case 'boolean': {
      const boolean = toBoolean(value);
      return boolean === undefined ? bad(field, operator, 'a boolean') : boolean;
    }
    case 'timestamp':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
      return bad(field, operator, 'a date');
    case 'json':
      throw invalidQuery(
        `JSON field "${field.name}" can only be filtered with _null, _nnull, _empty, _nempty.`,
      );
  }
}

/** A list operand: a JSON array or a CSV string (`_in=a,b` in the bracket form). */
function listOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value === '' ? [] : value.split(',');
  return undefined;
}

/**
 * Checks and coerces the operand of one field condition. Returns the value the compiler binds: a boolean
 * for the null operators, an array for lists and ranges, a string for patterns, else a scalar (or null for
 * `_eq`/`_neq`, meaning IS [NOT] NULL).
 */
export function coerceOperand(field: FieldDefinition, operator: FilterOperator, value: unknown): unknown {
  if (NULL_OPERATORS.has(operator)) {
    const boolean = toBoolean(value);
    return boolean === undefined ? bad(field, operator, 'a boolean') : boolean;
  }
  if (field.type === 'json') {
    throw invalidQuery(
      `JSON field "${field.name}" can only be filtered with _null, _nnull, _empty, _nempty.`,
    );
  }
  if (LIST_OPERATORS.has(operator)) {
    const list = listOf(value);
    if (!list) return bad(field, operator, 'an array');
    return list.map((item) => coerceScalar(field, operator, item));
  }
  if (RANGE_OPERATORS.has(operator)) {
    const range = listOf(value);
    if (!range || range.length !== 2) return bad(field, operator, 'an array of two values');
    return range.map((item) => coerceScalar(field, operator, item));
  }
  if (PATTERN_OPERATORS.has(operator)) {
    if (!isTextLike(field)) {
      throw invalidQuery(`Operator "${operator}" applies to text fields only, not to "${field.name}".`);
    }
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    return bad(field, operator, 'a string');
  }
  if ((operator === '_eq' || operator === '_neq') && value === null) return null;
  return coerceScalar(field, operator, value);
}
