import { forbidden } from '@atrium/core';
import type { FieldOverview } from '@atrium/schema';
import type { ValueExpr } from './resolved-types';

/** Passwords, tokens, TFA secrets and hashes: readable only as a mask. */
export function isConcealedField(field: FieldOverview): boolean {
  return field.meta?.special?.includes('conceal') === true || field.type === 'hash';
}

/**
 * A value that may be compared, sorted, grouped or aggregated. Concealed fields may be read (masked) but
 * never used that way: each comparison would leak a little of the secret (filter `_starts_with` one
 * character at a time, sort order, min/max…), as published advisories on peers showed.
 */
export function comparable<T extends ValueExpr>(value: T): T {
  if (
    (value.kind === 'column' || value.kind === 'date' || value.kind === 'json') &&
    isConcealedField(value.field)
  ) {
    throw forbidden(
      `Field "${value.field.field}" is concealed: it can't be used to filter, sort or aggregate.`,
    );
  }
  return value;
}
