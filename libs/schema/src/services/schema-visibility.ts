import { forbidden } from '@atrium/core';
import type { SchemaContext } from './schema-context';

/** What a non-admin caller may see of the schema, derived from their read permissions. */
export interface SchemaVisibility {
  /** The listing itself (`directus_collections`, `directus_fields`, `directus_relations`) is readable. */
  listing(name: SchemaListing): boolean;
  collection(name: string): boolean;
  field(collection: string, field: string): boolean;
}

export type SchemaListing = 'directus_collections' | 'directus_fields' | 'directus_relations';

/**
 * Reads of `/collections`, `/fields` and `/relations`: admins see everything (null: no filtering); other
 * callers need read access to the listing (app access grants it) and then see only the collections and
 * fields they may read (Directus). Without a visibility, only admins get through.
 */
export function schemaReadScope(ctx: SchemaContext, listing: SchemaListing): SchemaVisibility | null {
  if (ctx.accountability?.admin) return null;
  if (!ctx.visibility?.listing(listing)) throw forbidden();
  return ctx.visibility;
}
