import type { Query } from '@atrium/query';
import { findField, type CollectionDefinition, type Row } from '../definitions/collection-definition';

/**
 * What a singleton reads as before its row exists: each field the query names (`*` → every field of the
 * definition, a relational path → its field, an alias → its source) with the definition's default. The query
 * was already checked by the compiler, so every name here is a field.
 */
export function settingsDefaults(
  definition: CollectionDefinition,
  query: Pick<Query, 'fields' | 'alias'>,
): Row {
  const defaults: Row = {};
  const defaultOf = (name: string) => findField(definition, name)?.defaultValue ?? null;
  for (const path of query.fields ?? ['*']) {
    const head = path.split('.')[0];
    if (head === '*') {
      for (const field of definition.fields) defaults[field.name] ??= field.defaultValue ?? null;
      continue;
    }
    const relational = path.includes('.');
    defaults[head] = relational ? null : defaultOf(query.alias?.[head] ?? head);
  }
  return defaults;
}
