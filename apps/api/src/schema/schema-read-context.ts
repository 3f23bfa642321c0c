import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@atrium/permissions';
import type { SchemaContext, SchemaVisibility } from '@atrium/schema';

const EVERYTHING: SchemaVisibility = { listing: () => true, collection: () => true, field: () => true };

/**
 * A schema read's context: the request's, with the caller's visibility — the collections and fields their
 * read permissions reach. Admins keep the plain context (they see everything).
 */
@Injectable()
export class SchemaReadContext {
  of(ctx: RequestContext): SchemaContext {
    if (ctx.accountability.admin) return ctx;
    const access = ctx.permissions.access('read');
    if (access === 'admin') return { ...ctx, visibility: EVERYTHING };
    const readable = (collection: string) => access.collections[collection] !== undefined;
    return {
      ...ctx,
      visibility: {
        listing: readable,
        collection: readable,
        field: (collection, field) => {
          const fields = access.collections[collection]?.fields;
          return fields === '*' || (fields?.includes(field) ?? false);
        },
      },
    };
  }
}
