import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ContentVersions, ItemsExporter, ItemsReader, ItemsWriter } from '@atrium/items';
import type { RequestContext } from '@atrium/permissions';
import type { FastifyReply } from 'fastify';
import { JSON_TYPE, orNoContent } from '../items/answers';
import { CurrentContext } from '../request/current-context.decorator';
import { readWriteRoutes } from './system-collection.controller';

/**
 * `/:project/versions`: the collection's item routes (read, rename, delete) on the engine, with creation and
 * the save / compare / promote steps of the versions service.
 */
@ApiTags('Versions')
@ApiBearerAuth()
@Controller(':project/versions')
export class VersionsController extends readWriteRoutes('directus_versions') {
  constructor(
    reader: ItemsReader,
    writer: ItemsWriter,
    exporter: ItemsExporter,
    private readonly versions: ContentVersions,
  ) {
    super(reader, writer, exporter);
  }

  /** `{key, collection, item, name?}` or an array: the main item's hash is taken now. */
  @Post()
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  async create(
    @CurrentContext() context: RequestContext,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | undefined> {
    return orNoContent(reply, await this.versions.create(context, body, query));
  }

  @Post(':id/save')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  save(
    @CurrentContext() context: RequestContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.versions.save(context, id, body, query);
  }

  @Get(':id/compare')
  @Header('content-type', JSON_TYPE)
  compare(@CurrentContext() context: RequestContext, @Param('id') id: string): Promise<string> {
    return this.versions.compare(context, id);
  }

  /** `{mainHash, fields?}` → `{data: <the item's key>}`. */
  @Post(':id/promote')
  @HttpCode(200)
  async promote(
    @CurrentContext() context: RequestContext,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<{ data: string | number }> {
    return { data: await this.versions.promote(context, id, body) };
  }
}
