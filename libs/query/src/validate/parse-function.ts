import { invalidQuery } from '@atrium/core';
import { DATE_FUNCTIONS, type DateFunction } from './resolved-types';

const CALL = /^(\w+)\(([^()]+)\)$/;
const FUNCTIONS: ReadonlySet<string> = new Set([...DATE_FUNCTIONS, 'count']);

/** `year(date)` → `{fn: 'year', field: 'date'}`; null when `key` is not a call. Unknown functions → 400. */
export function parseFunctionCall(key: string): { fn: DateFunction | 'count'; field: string } | null {
  if (!key.includes('(')) return null;
  const match = CALL.exec(key);
  if (!match) throw invalidQuery(`Malformed function "${key}".`);
  if (!FUNCTIONS.has(match[1])) throw invalidQuery(`Unknown function "${match[1]}".`);
  return { fn: match[1] as DateFunction | 'count', field: match[2].trim() };
}

/** Directus names a function's output `<field>_<function>` (`date_year`, `comments_count`). */
export function functionOutputKey(fn: string, field: string): string {
  return `${field}_${fn}`;
}
