import { invalidQuery } from '@atrium/core';
import { FILTER_OPERATORS, type FilterOperator } from '../query-types';

/** `_in`/`_nin` take at most this many values, which bounds the statement a filter can produce. */
export const MAX_LIST = 10_000;

/** Operators whose operand is a flag: `_null: false` means "not null" (reference §2). */
export const BOOLEAN_OPERATORS: ReadonlySet<string> = new Set<FilterOperator>([
  '_null',
  '_nnull',
  '_empty',
  '_nempty',
]);

/** Operators whose operand is text: the LIKE families (`_contains`, `_nistarts_with`, …) and `_ieq`/`_nieq`. */
export const TEXT_OPERATORS: ReadonlySet<string> = new Set(
  FILTER_OPERATORS.filter((op) => /contains|starts_with|ends_with|ieq$/.test(op)),
);

/** A list operand: a JSON array, CSV text (the bracket form), or one number. */
export function asList(value: unknown, op: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value === '' ? [] : value.split(',');
  if (typeof value === 'number') return [value];
  throw invalidQuery(`"${op}" needs an array.`);
}
