import { invalidQuery } from '@atrium/core';
import type { QueryLimits } from '../query-types';

/**
 * Directus's rules: no limit → the default (capped by a set max); `-1` → all, or the max when one is set;
 * above a set max → 400. `page` (1-based) turns into an offset only when the limit is not -1.
 */
export function computeLimit(
  requested: { limit: number | null; offset: number | null; page: number | null },
  limits: QueryLimits,
): { limit: number; offset: number } {
  const max = limits.max;
  let limit: number;
  if (requested.limit === null) {
    limit = limits.default;
    if (max >= 0 && (limit < 0 || limit > max)) limit = max;
  } else if (requested.limit === -1) limit = max >= 0 ? max : -1;
  else if (max >= 0 && requested.limit > max) throw invalidQuery(`"limit" can't be more than ${max}.`);
  else limit = requested.limit;
  let offset = requested.offset ?? 0;
  if (requested.page !== null && limit !== -1) offset = limit * (requested.page - 1);
  return { limit, offset };
}
