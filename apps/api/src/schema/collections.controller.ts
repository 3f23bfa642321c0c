import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CollectionsService, CollectionView } from '@atrium/schema';
import type { RequestContext } from '@atrium/permissions';
import { CurrentContext } from '../request/current-context.decorator';
import { SchemaReadContext } from './schema-read-context';

@ApiTags('Collections')
@ApiBearerAuth()
@Controller(':project/collections')
export class CollectionsController {
  constructor(
    private readonly collections: CollectionsService,
    private readonly readContext: SchemaReadContext,
  ) {}

  @Get()
  async list(@CurrentContext() ctx: RequestContext): Promise<{ data: CollectionView[] }> {
    return { data: await this.collections.list(this.readContext.of(ctx)) };
  }

  @Get(':collection')
  async read(
    @CurrentContext() ctx: RequestContext,
    @Param('collection') collection: string,
  ): Promise<{ data: CollectionView }> {
    return { data: await this.collections.read(this.readContext.of(ctx), collection) };
  }

  @Post()
  @HttpCode(200)
  async create(
    @CurrentContext() ctx: RequestContext,
    @Body() body: unknown,
  ): Promise<{ data: CollectionView | CollectionView[] }> {
    return { data: await this.collections.create(ctx, body) };
  }

  @Patch(':collection')
  async update(
    @CurrentContext() ctx: RequestContext,
    @Param('collection') collection: string,
    @Body() body: unknown,
  ): Promise<{ data: CollectionView }> {
    return { data: await this.collections.update(ctx, collection, body) };
  }

  @Delete(':collection')
  @HttpCode(204)
  async delete(
    @CurrentContext() ctx: RequestContext,
    @Param('collection') collection: string,
  ): Promise<void> {
    await this.collections.delete(ctx, collection);
  }
}
