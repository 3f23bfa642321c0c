import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  Search,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ContentVersions, ItemsExporter, ItemsReader, ItemsWriter } from '@atrium/items';
import { invalidQuery } from '@atrium/core';
import type { RequestContext } from '@atrium/permissions';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { CurrentContext } from '../request/current-context.decorator';
import { attach, json, JSON_TYPE, orNoContent } from './answers';

/**
 * `/:project/items/:collection[/:id]`. Every body is JSON text PostgreSQL rendered (DESIGN §6): the handlers
 * return that string and Fastify sends it as it is. `SEARCH` is Nest's own `@Search()` verb, which the
 * Fastify adapter routes natively (no rewriting needed).
 */
@ApiTags('Items')
@ApiBearerAuth()
@Controller(':project/items/:collection')
export class ItemsController {
  constructor(
    private readonly reader: ItemsReader,
    private readonly writer: ItemsWriter,
    private readonly exporter: ItemsExporter,
    private readonly versions: ContentVersions,
  ) {}

  /** A list as JSON text, or with `?export=` a file attachment streamed batch by batch. */
  @Get()
  async list(
    @CurrentContext() context: RequestContext,
    @Param('collection') collection: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Readable> {
    if (query.export === undefined) return json(reply, await this.reader.list(context, collection, query));
    return attach(reply, await this.exporter.export(context, collection, query));
  }

  /** The body's `{query, keys}` as a list read; with `export` in that query, the same download as GET. */
  @Search()
  @HttpCode(200)
  async search(
    @CurrentContext() context: RequestContext,
    @Param('collection') collection: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Readable> {
    if (!this.exporter.isExportSearch(body)) {
      return json(reply, await this.reader.search(context, collection, body));
    }
    return attach(reply, await this.exporter.exportSearch(context, collection, body));
  }

  /** One item; with `?version=<key>` as that content version has it (`main`: the item itself). */
  @Get(':id')
  @Header('content-type', JSON_TYPE)
  read(
    @CurrentContext() context: RequestContext,
    @Param('collection') collection: string,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    const version = query.version;
    if (version === undefined || (typeof version === 'string' && this.versions.isMainVersion(version))) {
      return this.reader.readOne(context, collection, id, query);
    }
    if (typeof version !== 'string' || version === '')
      throw invalidQuery('"version" has to be a version key.');
    const target = this.reader.target(context, collection, 'read');
    return this.versions.readAt(context, target, id, version, query);
  }

  @Post()
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  async create(
    @CurrentContext() context: RequestContext,
    @Param('collection') collection: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | undefined> {
    return orNoContent(reply, await this.writer.create(context, collection, body, query));
  }

  @Patch()
  @Header('content-type', JSON_TYPE)
  async updateMany(
    @CurrentContext() context: RequestContext,
    @Param('collection') collection: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | undefined> {
    return orNoContent(reply, await this.writer.updateMany(context, collection, body, query));
  }

  @Patch(':id')
  @Header('content-type', JSON_TYPE)
  async updateOne(
    @CurrentContext() context: RequestContext,
    @Param('collection') collection: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | undefined> {
    return orNoContent(reply, await this.writer.updateOne(context, collection, id, body, query));
  }

  @Delete()
  @HttpCode(204)
  deleteMany(
    @CurrentContext() context: RequestContext,
    @Param('collection') collection: string,
    @Body() body: unknown,
  ): Promise<void> {
    return this.writer.deleteMany(context, collection, body);
  }

  @Delete(':id')
  @HttpCode(204)
  deleteOne(
    @CurrentContext() context: RequestContext,
    @Param('collection') collection: string,
    @Param('id') id: string,
  ): Promise<void> {
    return this.writer.deleteOne(context, collection, id);
  }
}
