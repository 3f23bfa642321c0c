import type { Query } from '@atrium/query';
import type { CollectionOverview } from '@atrium/schema';

type Row = Record<string, unknown>;

/**
 * What a singleton reads as before its row exists: each field the query names (`*` → every column, a
 * relational path → its field, an alias → its source) with its column's default (null for a serial key).
 * The query was already checked by the compiler, so every name here is a field.
 */
export function settingsDefaults(
  collection: CollectionOverview,
  query: Pick<Query, 'fields' | 'alias'>,
): Row {
  const defaultOf = (name: string): unknown => {
    const schema = collection.fields[name]?.schema;
    return schema && !schema.has_auto_increment ? (schema.default_value ?? null) : null;
  };
  const defaults: Row = {};
  for (const path of query.fields ?? ['*']) {
    const head = path.split('.')[0];
    if (head === '*') {
      for (const field of Object.values(collection.fields)) {
        if (field.schema) defaults[field.field] ??= defaultOf(field.field);
      }
      continue;
    }
    const relational = path.includes('.');
    defaults[head] = relational ? null : defaultOf(query.alias?.[head] ?? head);
  }
  return defaults;
}
