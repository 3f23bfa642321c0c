import { forbidden } from '@atrium/core';
import type { CollectionOverview, SchemaOverview } from '@atrium/schema';

/**
 * The user collection behind `/items/:collection`, or 403: system collections have their own routes and an
 * unknown collection must look exactly like a forbidden one (Directus never leaks existence).
 */
export function userCollection(overview: SchemaOverview, name: string): CollectionOverview {
  const collection = overview.collections[name];
  if (!collection || collection.system || name.startsWith('directus_') || !collection.primary) {
    throw forbidden();
  }
  return collection;
}

export function isSingleton(collection: CollectionOverview): boolean {
  return collection.meta?.singleton === true;
}
