import type { RelationOverview, SchemaOverview } from '@atrium/schema';

/** The relation stored in `collection.field` (m2o, or m2a when it has no single related collection). */
export function manyToOne(
  overview: SchemaOverview,
  collection: string,
  field: string,
): RelationOverview | null {
  return overview.relations.find((r) => r.collection === collection && r.field === field) ?? null;
}

/** The relation whose "one" side shows as the alias `collection.field` (o2m; m2m and m2a via junctions). */
export function oneToMany(
  overview: SchemaOverview,
  collection: string,
  field: string,
): RelationOverview | null {
  return (
    overview.relations.find((r) => r.related_collection === collection && r.meta?.one_field === field) ?? null
  );
}
