import { Injectable } from '@nestjs/common';
import { PermissionsService } from '@atrium/permissions';
import { SchemaCache, type SchemaContext, type SchemaVisibility } from '@atrium/schema';

const EVERYTHING: SchemaVisibility = { listing: () => true, collection: () => true, field: () => true };

/**
 * Adds to a schema read the caller's visibility: the collections and fields their read permissions reach.
 * Admins keep the plain context (they see everything).
 */
@Injectable()
export class SchemaReadContext {
  constructor(
    private readonly schema: SchemaCache,
    private readonly permissions: PermissionsService,
  ) {}

  async of(ctx: SchemaContext): Promise<SchemaContext> {
    if (!ctx.accountability || ctx.accountability.admin) return ctx;
    const overview = await this.schema.get(ctx.tenant);
    const permissions = await this.permissions.forRequest(ctx.tenant, ctx.accountability, overview);
    if (permissions.admin) return { ...ctx, visibility: EVERYTHING };
    const access = permissions.access('read');
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
