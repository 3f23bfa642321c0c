import { forbidden } from '@atrium/core';
import type { CollectionOverview, SchemaOverview } from '@atrium/schema';

/**
 * Which collections a route may name: `/items/:collection` serves user collections only (system ones have
 * their own routes), a system route serves its one fixed collection.
 */
export type CollectionScope = 'user' | 'system';

/**
 * The collection a route names, or 403: an unknown collection, and a system collection named through
 * `/items`, must look exactly like a forbidden one (Directus never leaks existence).
 */
export function routeCollection(
  overview: SchemaOverview,
  name: string,
  scope: CollectionScope,
): CollectionOverview {
  const collection = overview.collections[name];
  if (!collection?.primary || !collection.schema) throw forbidden();
  const system = collection.system || name.startsWith('directus_');
  if (system !== (scope === 'system')) throw forbidden();
  return collection;
}

export function isSingleton(collection: CollectionOverview): boolean {
  return collection.meta?.singleton === true;
}
