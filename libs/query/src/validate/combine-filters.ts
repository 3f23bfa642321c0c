import type { ResolvedFilter } from './resolved-types';

/** The conjunction of the filters given (nulls — "no restriction" — left out); null when none is left. */
export function and(...parts: (ResolvedFilter | null)[]): ResolvedFilter | null {
  const present = parts.filter((part): part is ResolvedFilter => part !== null);
  if (present.length === 0) return null;
  return present.length === 1 ? present[0] : { kind: 'and', children: present };
}
