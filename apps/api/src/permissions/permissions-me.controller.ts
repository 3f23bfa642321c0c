import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, forbidden } from '@atrium/core';
import {
  itemPermissions,
  summarisePermissions,
  type CollectionSummary,
  type ItemPermissions,
  type RequestContext,
  type RequestPermissions,
} from '@atrium/permissions';
import { CurrentContext } from '../request/current-context.decorator';

/**
 * What the caller may do: `/permissions/me` (per collection and action) and
 * `/permissions/me/:collection/:id?` (per item). Anonymous callers get 403, as in Directus.
 */
@ApiTags('Permissions')
@ApiBearerAuth()
@Controller(':project/permissions/me')
export class PermissionsMeController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  mine(@CurrentContext() context: RequestContext): { data: Record<string, CollectionSummary> } {
    return { data: summarisePermissions(this.load(context)) };
  }

  @Get(':collection')
  collection(
    @CurrentContext() context: RequestContext,
    @Param('collection') collection: string,
  ): Promise<{ data: ItemPermissions }> {
    return this.item(context, collection, undefined);
  }

  @Get(':collection/:id')
  async item(
    @CurrentContext() context: RequestContext,
    @Param('collection') collection: string,
    @Param('id') id: string | undefined,
  ): Promise<{ data: ItemPermissions }> {
    const permissions = this.load(context);
    return {
      data: await itemPermissions(
        await context.tenant.pool(),
        permissions,
        collection,
        id,
        this.config.queryLimit,
      ),
    };
  }

  private load(context: RequestContext): RequestPermissions {
    const { accountability } = context;
    if (!accountability.user && !accountability.role) throw forbidden();
    return context.permissions;
  }
}
