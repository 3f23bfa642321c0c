import { forbidden } from '@atrium/core';
import type { SchemaContext } from './schema-context';
import type { SchemaListing, SchemaVisibility } from './schema-visibility';

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
