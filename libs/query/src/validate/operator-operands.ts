import { invalidQuery } from '@atrium/core';

/** `_in`/`_nin` take at most this many values, which bounds the statement a filter can produce. */
export const MAX_LIST = 10_000;

/** A list operand: a JSON array, CSV text (the bracket form), or one number. */
export function asList(value: unknown, op: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value === '' ? [] : value.split(',');
  if (typeof value === 'number') return [value];
  throw invalidQuery(`"${op}" needs an array.`);
}
