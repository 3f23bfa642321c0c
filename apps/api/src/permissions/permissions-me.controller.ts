import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, forbidden } from '@atrium/core';
import type { ItemsContext } from '@atrium/items';
import {
  itemPermissions,
  PermissionsService,
  summarisePermissions,
  type CollectionSummary,
  type ItemPermissions,
  type RequestPermissions,
} from '@atrium/permissions';
import { SchemaCache } from '@atrium/schema';
import { CurrentItemsContext } from '../items/items-context.decorator';

/**
 * What the caller may do: `/permissions/me` (per collection and action) and
 * `/permissions/me/:collection/:id?` (per item). Anonymous callers get 403, as in Directus.
 */
@ApiTags('Permissions')
@ApiBearerAuth()
@Controller(':project/permissions/me')
export class PermissionsMeController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schema: SchemaCache,
    private readonly permissions: PermissionsService,
  ) {}

  @Get()
  async mine(
    @CurrentItemsContext() context: ItemsContext,
  ): Promise<{ data: Record<string, CollectionSummary> }> {
    return { data: summarisePermissions(await this.load(context)) };
  }

  @Get(':collection')
  collection(
    @CurrentItemsContext() context: ItemsContext,
    @Param('collection') collection: string,
  ): Promise<{ data: ItemPermissions }> {
    return this.item(context, collection, undefined);
  }

  @Get(':collection/:id')
  item(
    @CurrentItemsContext() context: ItemsContext,
    @Param('collection') collection: string,
    @Param('id') id: string | undefined,
  ): Promise<{ data: ItemPermissions }> {
    return this.load(context).then(async (permissions) => ({
      data: await itemPermissions(
        await context.tenant.pool(),
        permissions,
        collection,
        id,
        this.config.queryLimit,
      ),
    }));
  }

  private async load(context: ItemsContext): Promise<RequestPermissions> {
    const { accountability, tenant } = context;
    if (!accountability.user && !accountability.role) throw forbidden();
    return this.permissions.forRequest(tenant, accountability, await this.schema.get(tenant));
  }
}
