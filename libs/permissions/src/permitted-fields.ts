import type { RequestPermissions } from './request-permissions';
import type { Access } from '@atrium/query';
import type { CollectionOverview, SchemaOverview } from '@atrium/schema';

export type PermittedAction = 'read' | 'create' | 'update' | 'delete';
export const PERMITTED_ACTIONS: readonly PermittedAction[] = ['read', 'create', 'update', 'delete'];

/** Per action, the collections the caller may act on and, for each, the fields it may name. */
export type PermittedFields = Readonly<Record<PermittedAction, ReadonlyMap<string, readonly string[]>>>;

/** Collections GraphQL and OpenAPI never expose as items: their shapes are not items (Directus's deny list). */
const HIDDEN = new Set([
  'directus_collections',
  'directus_fields',
  'directus_relations',
  'directus_migrations',
  'directus_sessions',
  'directus_extensions',
]);

/** A collection with a table and a key: what an item type can be made of. */
export function isItemCollection(collection: CollectionOverview): boolean {
  return collection.primary !== null && collection.schema !== null && !HIDDEN.has(collection.collection);
}

function fieldsOf(access: Access, collection: CollectionOverview): readonly string[] | null {
  const names = Object.keys(collection.fields);
  if (access === 'admin') return names;
  const rules = access.collections[collection.collection];
  if (!rules) return null;
  if (rules.fields === '*') return names;
  const granted = new Set(rules.fields);
  return names.filter((name) => granted.has(name));
}

/**
 * What a generated schema (GraphQL, OpenAPI) may show this caller: nothing its permissions would refuse, so a
 * field or a collection it may not read is absent from it, and a mutation it may not run does not exist.
 */
export function permittedFields(overview: SchemaOverview, permissions: RequestPermissions): PermittedFields {
  const out = {} as Record<PermittedAction, Map<string, readonly string[]>>;
  for (const action of PERMITTED_ACTIONS) {
    const access = permissions.access(action);
    const map = new Map<string, readonly string[]>();
    for (const collection of Object.values(overview.collections)) {
      if (!isItemCollection(collection)) continue;
      const fields = fieldsOf(access, collection);
      if (fields && (fields.length > 0 || action === 'delete')) map.set(collection.collection, fields);
    }
    out[action] = map;
  }
  return out;
}

/**
 * The cache key of a permitted view: two callers whose permissions let them see the same collections and
 * fields share one generated schema or document (row filters never change a schema, only what it answers).
 */
export function permittedKey(permitted: PermittedFields): string {
  return PERMITTED_ACTIONS.map((action) =>
    [...permitted[action]].map(([collection, fields]) => `${collection}(${fields.join(',')})`).join(';'),
  ).join('|');
}
