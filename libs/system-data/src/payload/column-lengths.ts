import { valueTooLong } from '@atrium/core';
import type { CollectionOverview } from '@atrium/schema';
import { type CollectionDefinition, type Row, findField } from '../definitions/collection-definition';

/**
 * Strings longer than their column (as the schema overview measures it) → 400 VALUE_TOO_LONG naming the
 * collection and field, before the database, whose own error names no column. Secrets are skipped: the
 * hooks store their hashes, not the text given, so the column's length is the hash's.
 */
export function assertColumnLengths(
  definition: CollectionDefinition,
  overview: CollectionOverview | undefined,
  values: Row,
): void {
  for (const [name, value] of Object.entries(values)) {
    const max = overview?.fields[name]?.schema?.max_length;
    const field = findField(definition, name);
    if (!max || max <= 0 || !field || field.concealed) continue;
    // CSV fields are arrays here and one joined text in their column.
    const stored = field.type === 'csv' && Array.isArray(value) ? value.join(',') : value;
    if (typeof stored === 'string' && stored.length > max) {
      throw valueTooLong(definition.collection, name, stored);
    }
  }
}
