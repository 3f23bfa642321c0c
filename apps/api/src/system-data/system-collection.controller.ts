import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Res,
  Search,
  Type,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ItemsExporter, ItemsReader, ItemsWriter } from '@atrium/items';
import type { RequestContext } from '@atrium/permissions';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { attach, json, JSON_TYPE, orNoContent } from '../items/answers';
import { CurrentContext } from '../request/current-context.decorator';

/** The engine's services a system collection's routes hand their requests to. */
interface Engine {
  reader: ItemsReader;
  writer: ItemsWriter;
  exporter: ItemsExporter;
}

/** The read routes of one system collection: list (and export), SEARCH, read one. */
export function readRoutes(collection: string): Type<Engine> {
  class SystemCollectionReadRoutes implements Engine {
    constructor(
      @Inject(ItemsReader) readonly reader: ItemsReader,
      @Inject(ItemsWriter) readonly writer: ItemsWriter,
      @Inject(ItemsExporter) readonly exporter: ItemsExporter,
    ) {}

    /** A list as JSON text, or with `?export=` a file attachment streamed batch by batch. */
    @Get()
    async list(
      @CurrentContext() context: RequestContext,
      @Query() query: Record<string, unknown>,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<string | Readable> {
      if (query.export === undefined) {
        return json(reply, await this.reader.list(context, collection, query, 'system'));
      }
      return attach(reply, await this.exporter.export(context, collection, query, 'system'));
    }

    @Search()
    @HttpCode(200)
    async search(
      @CurrentContext() context: RequestContext,
      @Body() body: unknown,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<string | Readable> {
      if (!this.exporter.isExportSearch(body)) {
        return json(reply, await this.reader.search(context, collection, body, 'system'));
      }
      return attach(reply, await this.exporter.exportSearch(context, collection, body, 'system'));
    }

    @Get(':id')
    @Header('content-type', JSON_TYPE)
    read(
      @CurrentContext() context: RequestContext,
      @Param('id') id: string,
      @Query() query: Record<string, unknown>,
    ): Promise<string> {
      return this.reader.readOne(context, collection, id, query, 'system');
    }
  }
  return SystemCollectionReadRoutes;
}

/** Read routes plus updates (one or many, JSON bodies). */
export function readUpdateRoutes(collection: string): Type<Engine> {
  class SystemCollectionUpdateRoutes extends readRoutes(collection) {
    @Patch()
    @Header('content-type', JSON_TYPE)
    async updateMany(
      @CurrentContext() context: RequestContext,
      @Body() body: unknown,
      @Query() query: Record<string, unknown>,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<string | undefined> {
      return orNoContent(reply, await this.writer.updateMany(context, collection, body, query, 'system'));
    }

    @Patch(':id')
    @Header('content-type', JSON_TYPE)
    async updateOne(
      @CurrentContext() context: RequestContext,
      @Param('id') id: string,
      @Body() body: unknown,
      @Query() query: Record<string, unknown>,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<string | undefined> {
      return orNoContent(reply, await this.writer.updateOne(context, collection, id, body, query, 'system'));
    }
  }
  return SystemCollectionUpdateRoutes;
}

/** Read and update routes plus create (one or many) and delete (one or many). */
export function readWriteRoutes(collection: string): Type<Engine> {
  class SystemCollectionRoutes extends readUpdateRoutes(collection) {
    @Post()
    @HttpCode(200)
    @Header('content-type', JSON_TYPE)
    async create(
      @CurrentContext() context: RequestContext,
      @Body() body: unknown,
      @Query() query: Record<string, unknown>,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<string | undefined> {
      return orNoContent(reply, await this.writer.create(context, collection, body, query, 'system'));
    }

    @Delete()
    @HttpCode(204)
    deleteMany(@CurrentContext() context: RequestContext, @Body() body: unknown): Promise<void> {
      return this.writer.deleteMany(context, collection, body, 'system');
    }

    @Delete(':id')
    @HttpCode(204)
    deleteOne(@CurrentContext() context: RequestContext, @Param('id') id: string): Promise<void> {
      return this.writer.deleteOne(context, collection, id, 'system');
    }
  }
  return SystemCollectionRoutes;
}

/**
 * Directus's item routes for one system collection under `/:project/<path>`, on the same engine as
 * `/items/:collection` with the collection fixed. 200 for every success with a body (never 201), 204 for
 * deletes and for writes the caller may not read back; read-only collections (activity, revisions) have no
 * write routes at all.
 */
export function systemCollectionController(
  path: string,
  collection: string,
  tag: string,
  access: 'read-only' | 'read-write' = 'read-write',
): Type {
  const routes = access === 'read-only' ? readRoutes(collection) : readWriteRoutes(collection);
  @ApiTags(tag)
  @ApiBearerAuth()
  @Controller(`:project/${path}`)
  class SystemCollectionController extends routes {}
  // A distinct class name per collection, for Nest's logs and the OpenAPI operation ids.
  Object.defineProperty(SystemCollectionController, 'name', { value: `${tag}Controller` });
  return SystemCollectionController;
}
