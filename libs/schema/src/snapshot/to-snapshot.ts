import type { SchemaOverview } from '../overview/schema-overview';
import type { SchemaSnapshot, SnapshotCollection, SnapshotField, SnapshotRelation } from './snapshot-types';

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function withoutId<T extends { id?: unknown }>(meta: T | null): Omit<T, 'id'> | null {
  if (!meta) return null;
  const { id: _id, ...rest } = meta;
  return rest;
}

/**
 * The snapshot of a project's user schema: collections, fields and relations sorted by name, system
 * collections left out (every project has the same ones), meta ids dropped (they differ between projects).
 */
export function toSnapshot(overview: SchemaOverview, platformVersion: string): SchemaSnapshot {
  const user = Object.values(overview.collections)
    .filter((collection) => !collection.system)
    .sort((a, b) => byName(a.collection, b.collection));
  const collections: SnapshotCollection[] = user.map((collection) => ({
    collection: collection.collection,
    meta: collection.meta ? { ...collection.meta } : null,
    schema: collection.schema ? { name: collection.schema.name } : null,
  }));
  const fields: SnapshotField[] = user.flatMap((collection) =>
    Object.values(collection.fields)
      .sort((a, b) => byName(a.field, b.field))
      .map((field) => ({
        collection: field.collection,
        field: field.field,
        type: field.type,
        meta: withoutId(field.meta),
        schema: field.schema ? { ...field.schema } : null,
      })),
  );
  const userNames = new Set(user.map((collection) => collection.collection));
  const relations: SnapshotRelation[] = overview.relations
    .filter((relation) => userNames.has(relation.collection))
    .map((relation) => ({
      collection: relation.collection,
      field: relation.field,
      related_collection: relation.related_collection,
      meta: withoutId(relation.meta),
      schema: relation.schema ? { ...relation.schema } : null,
    }))
    .sort((a, b) => byName(a.collection, b.collection) || byName(a.field, b.field));
  return { version: 1, directus: platformVersion, vendor: 'postgres', collections, fields, relations };
}
