import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FieldsService, FieldView } from '@atrium/schema';
import type { RequestContext } from '@atrium/permissions';
import { CurrentContext } from '../request/current-context.decorator';
import { SchemaReadContext } from './schema-read-context';

@ApiTags('Fields')
@ApiBearerAuth()
@Controller(':project/fields')
export class FieldsController {
  constructor(
    private readonly fields: FieldsService,
    private readonly readContext: SchemaReadContext,
  ) {}

  @Get()
  async listAll(@CurrentContext() ctx: RequestContext): Promise<{ data: FieldView[] }> {
    return { data: await this.fields.list(this.readContext.of(ctx)) };
  }

  @Get(':collection')
  async list(
    @CurrentContext() ctx: RequestContext,
    @Param('collection') collection: string,
  ): Promise<{ data: FieldView[] }> {
    return { data: await this.fields.list(this.readContext.of(ctx), collection) };
  }

  @Get(':collection/:field')
  async read(
    @CurrentContext() ctx: RequestContext,
    @Param('collection') collection: string,
    @Param('field') field: string,
  ): Promise<{ data: FieldView }> {
    return { data: await this.fields.read(this.readContext.of(ctx), collection, field) };
  }

  @Post(':collection')
  @HttpCode(200)
  async create(
    @CurrentContext() ctx: RequestContext,
    @Param('collection') collection: string,
    @Body() body: unknown,
  ): Promise<{ data: FieldView }> {
    return { data: await this.fields.create(ctx, collection, body) };
  }

  @Patch(':collection')
  async updateMany(
    @CurrentContext() ctx: RequestContext,
    @Param('collection') collection: string,
    @Body() body: unknown,
  ): Promise<{ data: FieldView[] }> {
    return { data: await this.fields.updateMany(ctx, collection, body) };
  }

  @Patch(':collection/:field')
  async update(
    @CurrentContext() ctx: RequestContext,
    @Param('collection') collection: string,
    @Param('field') field: string,
    @Body() body: unknown,
  ): Promise<{ data: FieldView }> {
    return { data: await this.fields.update(ctx, collection, field, body) };
  }

  @Delete(':collection/:field')
  @HttpCode(204)
  async delete(
    @CurrentContext() ctx: RequestContext,
    @Param('collection') collection: string,
    @Param('field') field: string,
  ): Promise<void> {
    await this.fields.delete(ctx, collection, field);
  }
}
