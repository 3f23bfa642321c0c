import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CollectionsService, CollectionView, SchemaContext } from '@atrium/schema';
import { CurrentSchemaContext } from './schema-context.decorator';
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
  async list(@CurrentSchemaContext() ctx: SchemaContext): Promise<{ data: CollectionView[] }> {
    return { data: await this.collections.list(await this.readContext.of(ctx)) };
  }

  @Get(':collection')
  async read(
    @CurrentSchemaContext() ctx: SchemaContext,
    @Param('collection') collection: string,
  ): Promise<{ data: CollectionView }> {
    return { data: await this.collections.read(await this.readContext.of(ctx), collection) };
  }

  @Post()
  @HttpCode(200)
  async create(
    @CurrentSchemaContext() ctx: SchemaContext,
    @Body() body: unknown,
  ): Promise<{ data: CollectionView | CollectionView[] }> {
    return { data: await this.collections.create(ctx, body) };
  }

  @Patch(':collection')
  async update(
    @CurrentSchemaContext() ctx: SchemaContext,
    @Param('collection') collection: string,
    @Body() body: unknown,
  ): Promise<{ data: CollectionView }> {
    return { data: await this.collections.update(ctx, collection, body) };
  }

  @Delete(':collection')
  @HttpCode(204)
  async delete(
    @CurrentSchemaContext() ctx: SchemaContext,
    @Param('collection') collection: string,
  ): Promise<void> {
    await this.collections.delete(ctx, collection);
  }
}
