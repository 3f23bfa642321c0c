import { invalidQuery } from '@atrium/core';
import { parseJsonPath, jsonOutputKey } from './json-path';
import { DATE_FUNCTIONS, type DateFunction } from './resolved-types';

const CALL = /^(\w+)\(([^()]+)\)$/;
const FUNCTIONS: ReadonlySet<string> = new Set([...DATE_FUNCTIONS, 'count', 'json']);

export type FunctionCall =
  | { fn: DateFunction | 'count'; field: string }
  /** `json(field, path)`: `path` already split into keys and indexes. */
  | { fn: 'json'; field: string; path: string[] };

/**
 * `year(date)` → `{fn: 'year', field: 'date'}`, `json(data, a.b[0])` → `{fn: 'json', field: 'data', path:
 * ['a', 'b', '0']}`; null when `key` is not a call. Unknown functions and malformed calls → 400.
 */
export function parseFunctionCall(key: string): FunctionCall | null {
  if (!key.includes('(')) return null;
  const match = CALL.exec(key);
  if (!match) throw invalidQuery(`Malformed function "${key}".`);
  if (!FUNCTIONS.has(match[1])) throw invalidQuery(`Unknown function "${match[1]}".`);
  if (match[1] !== 'json') {
    if (match[2].includes(',')) throw invalidQuery(`${match[1]}() takes one field.`);
    return { fn: match[1] as DateFunction | 'count', field: match[2].trim() };
  }
  const comma = match[2].indexOf(',');
  if (comma < 0) throw invalidQuery('json() takes a field and a path: json(field, path).');
  const field = match[2].slice(0, comma).trim();
  if (!field) throw invalidQuery('json() needs a field.');
  return { fn: 'json', field, path: parseJsonPath(match[2].slice(comma + 1)) };
}

/** Directus names a function's output `<field>_<function>` (`date_year`, `comments_count`). */
export function functionOutputKey(fn: string, field: string): string {
  return `${field}_${fn}`;
}

/** The response key of a call: `date_year`, `comments_count`, `metadata_color_json`. */
export function callOutputKey(call: FunctionCall): string {
  return call.fn === 'json' ? jsonOutputKey(call.field, call.path) : functionOutputKey(call.fn, call.field);
}
