import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RelationsService, RelationView } from '@atrium/schema';
import type { RequestContext } from '@atrium/permissions';
import { CurrentContext } from '../request/current-context.decorator';
import { SchemaReadContext } from './schema-read-context';

@ApiTags('Relations')
@ApiBearerAuth()
@Controller(':project/relations')
export class RelationsController {
  constructor(
    private readonly relations: RelationsService,
    private readonly readContext: SchemaReadContext,
  ) {}

  @Get()
  async listAll(@CurrentContext() ctx: RequestContext): Promise<{ data: RelationView[] }> {
    return { data: await this.relations.list(this.readContext.of(ctx)) };
  }

  @Get(':collection')
  async list(
    @CurrentContext() ctx: RequestContext,
    @Param('collection') collection: string,
  ): Promise<{ data: RelationView[] }> {
    return { data: await this.relations.list(this.readContext.of(ctx), collection) };
  }

  @Get(':collection/:field')
  async read(
    @CurrentContext() ctx: RequestContext,
    @Param('collection') collection: string,
    @Param('field') field: string,
  ): Promise<{ data: RelationView }> {
    return { data: await this.relations.read(this.readContext.of(ctx), collection, field) };
  }

  @Post()
  @HttpCode(200)
  async create(
    @CurrentContext() ctx: RequestContext,
    @Body() body: unknown,
  ): Promise<{ data: RelationView }> {
    return { data: await this.relations.create(ctx, body) };
  }

  @Patch(':collection/:field')
  async update(
    @CurrentContext() ctx: RequestContext,
    @Param('collection') collection: string,
    @Param('field') field: string,
    @Body() body: unknown,
  ): Promise<{ data: RelationView }> {
    return { data: await this.relations.update(ctx, collection, field, body) };
  }

  @Delete(':collection/:field')
  @HttpCode(204)
  async delete(
    @CurrentContext() ctx: RequestContext,
    @Param('collection') collection: string,
    @Param('field') field: string,
  ): Promise<void> {
    await this.relations.delete(ctx, collection, field);
  }
}
