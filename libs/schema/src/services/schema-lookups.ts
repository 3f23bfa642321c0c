import { forbidden } from '@atrium/core';
import type {
  CollectionOverview,
  FieldOverview,
  RelationOverview,
  SchemaOverview,
} from '../overview/schema-overview';

/*
 * Directus answers a missing collection, field or relation with 403 FORBIDDEN (it never reveals whether
 * something exists), and system collections are read-only through these routes.
 */

export function existingCollection(overview: SchemaOverview, name: unknown): CollectionOverview {
  const collection = typeof name === 'string' ? overview.collections[name] : undefined;
  if (!collection || !Object.prototype.hasOwnProperty.call(overview.collections, name as string)) {
    throw forbidden();
  }
  return collection;
}

/** A user collection that may be changed: missing or system → 403. */
export function mutableCollection(overview: SchemaOverview, name: unknown): CollectionOverview {
  const collection = existingCollection(overview, name);
  if (collection.system) throw forbidden(`System collection "${collection.collection}" can't be changed.`);
  return collection;
}

export function existingField(collection: CollectionOverview, name: unknown): FieldOverview {
  const field = typeof name === 'string' ? collection.fields[name] : undefined;
  if (!field || !Object.prototype.hasOwnProperty.call(collection.fields, name as string)) throw forbidden();
  return field;
}

export function findRelation(
  overview: SchemaOverview,
  collection: string,
  field: string,
): RelationOverview | undefined {
  return overview.relations.find(
    (relation) => relation.collection === collection && relation.field === field,
  );
}

export function existingRelation(
  overview: SchemaOverview,
  collection: unknown,
  field: unknown,
): RelationOverview {
  const relation =
    typeof collection === 'string' && typeof field === 'string'
      ? findRelation(overview, collection, field)
      : undefined;
  if (!relation) throw forbidden();
  return relation;
}
