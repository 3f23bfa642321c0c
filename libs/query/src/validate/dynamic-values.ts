import { invalidQuery } from '@atrium/core';
import type { QueryContext } from '../query-types';

const NOW =
  /^\$NOW(?:\(\s*([+-]?)\s*(\d{1,6})\s*(years?|months?|weeks?|days?|hours?|minutes?|seconds?)\s*\))?$/;

function shift(now: Date, sign: number, amount: number, unit: string): Date {
  const date = new Date(now.getTime());
  const n = sign * amount;
  switch (unit.replace(/s$/, '')) {
    case 'year':
      date.setUTCFullYear(date.getUTCFullYear() + n);
      break;
    case 'month':
      date.setUTCMonth(date.getUTCMonth() + n);
      break;
    case 'week':
      date.setUTCDate(date.getUTCDate() + 7 * n);
      break;
    case 'day':
      date.setUTCDate(date.getUTCDate() + n);
      break;
    case 'hour':
      date.setUTCHours(date.getUTCHours() + n);
      break;
    case 'minute':
      date.setUTCMinutes(date.getUTCMinutes() + n);
      break;
    default:
      date.setUTCSeconds(date.getUTCSeconds() + n);
  }
  return date;
}

/** `$CURRENT_USER.<path>` / `$CURRENT_ROLE.<path>`: a field (path) of the caller's user or role row. */
export const DYNAMIC_PATH = /^\$CURRENT_(USER|ROLE)\.([^.\s(),*:]+(?:\.[^.\s(),*:]+)*)$/;
const VARIABLE = /^\$(?:NOW|CURRENT_(?:USER|ROLE|ROLES|POLICIES)(?:$|\.))/;

/** A string that names a dynamic variable (`$NOW…`, `$CURRENT_…`), as opposed to a literal value. */
export function isDynamicVariable(value: unknown): value is string {
  return typeof value === 'string' && VARIABLE.test(value);
}

/**
 * `$NOW`, `$NOW(-1 year)`, `$CURRENT_USER`, `$CURRENT_ROLE`, `$CURRENT_ROLES`, `$CURRENT_POLICIES`,
 * `$CURRENT_USER.<path>`, `$CURRENT_ROLE.<path>` → their value for this request: a Date for `$NOW` (so that
 * coercion formats it for the field's type), an array for the role and policy lists and for paths through
 * to-many relations, null when the request has none (anonymous caller, value not prefetched). Other values
 * pass through.
 */
export function resolveDynamicValue(value: unknown, context: QueryContext): unknown {
  if (!isDynamicVariable(value)) return value;
  if (value === '$CURRENT_USER') return context.userId;
  if (value === '$CURRENT_ROLE') return context.roleId;
  if (value === '$CURRENT_ROLES') return [...(context.roles ?? [])];
  if (value === '$CURRENT_POLICIES') return [...(context.policies ?? [])];
  if (value.startsWith('$NOW')) {
    const match = NOW.exec(value);
    if (!match) throw invalidQuery(`Invalid dynamic value "${value}".`);
    if (!match[2]) return new Date(context.now.getTime());
    return shift(context.now, match[1] === '-' ? -1 : 1, Number(match[2]), match[3]);
  }
  if (!DYNAMIC_PATH.test(value)) throw invalidQuery(`Invalid dynamic value "${value}".`);
  const variables = context.variables ?? {};
  return Object.prototype.hasOwnProperty.call(variables, value) ? (variables[value] ?? null) : null;
}
