import type { CollectionOverview, FieldOverview } from '@atrium/schema';

/** Specials whose value the server writes on create (Directus's GENERATE_SPECIAL): never the caller's duty. */
const SERVER_FILLED_SPECIALS: readonly string[] = ['uuid', 'date-created', 'user-created', 'role-created'];

export type SubmissionAction = 'create' | 'update';

/** Directus's FAILED_VALIDATION types for a missing value: `required` (not given), `nnull` (given as null). */
export interface SubmissionFailure {
  field: string;
  type: 'required' | 'nnull';
}

/** The database or the server provides the value: generated columns, sequences, uuid keys, the specials. */
function serverFills(collection: CollectionOverview, field: FieldOverview): boolean {
  const schema = field.schema;
  if (schema?.is_generated || schema?.has_auto_increment) return true;
  if ((field.meta?.special ?? []).some((special) => SERVER_FILLED_SPECIALS.includes(special))) return true;
  // Atrium draws a uuid primary key itself when a create leaves it out.
  return field.field === collection.primary && field.type === 'uuid';
}

function hasDefault(field: FieldOverview): boolean {
  const value = field.schema?.default_value;
  return value !== null && value !== undefined;
}

/** A NOT NULL column: null is refused, and on create it has to be given unless the column has a default. */
function notNullColumn(collection: CollectionOverview, field: FieldOverview): boolean {
  return field.schema !== null && !field.schema.is_nullable && !serverFills(collection, field);
}

/** `meta.required`: a value has to be given on create and can never be set to null (the key is a locator). */
function requiredByMeta(collection: CollectionOverview, field: FieldOverview): boolean {
  if (field.meta?.required !== true || field.field === collection.primary) return false;
  return field.schema === null || !serverFills(collection, field);
}

/**
 * The first field a payload leaves without the value the schema demands, checked before anything reaches
 * the database (Directus's `_submitted` / `_nnull` rules of its payload processing), or null when none.
 */
export function firstSubmissionFailure(
  collection: CollectionOverview,
  payload: Readonly<Record<string, unknown>>,
  action: SubmissionAction,
): SubmissionFailure | null {
  for (const field of Object.values(collection.fields)) {
    const byMeta = requiredByMeta(collection, field);
    const notNull = notNullColumn(collection, field);
    if (!byMeta && !notNull) continue;
    const value = payload[field.field];
    if (value === null) return { field: field.field, type: 'nnull' };
    const mustBeGiven = byMeta || !hasDefault(field);
    if (value === undefined && action === 'create' && mustBeGiven)
      return { field: field.field, type: 'required' };
  }
  return null;
}
