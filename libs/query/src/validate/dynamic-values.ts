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

/**
 * `$NOW`, `$NOW(-1 year)`, `$CURRENT_USER`, `$CURRENT_ROLE` → their value for this request (a Date for
 * `$NOW`, so that coercion formats it for the field's type). Other values pass through.
 */
export function resolveDynamicValue(value: unknown, context: QueryContext): unknown {
  if (typeof value !== 'string' || !value.startsWith('$')) return value;
  if (value === '$CURRENT_USER') return context.userId;
  if (value === '$CURRENT_ROLE') return context.roleId;
  if (value.startsWith('$NOW')) {
    const match = NOW.exec(value);
    if (!match) throw invalidQuery(`Invalid dynamic value "${value}".`);
    if (!match[2]) return new Date(context.now.getTime());
    return shift(context.now, match[1] === '-' ? -1 : 1, Number(match[2]), match[3]);
  }
  return value;
}
