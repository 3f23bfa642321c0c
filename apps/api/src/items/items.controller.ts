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
import { ItemsExporter, ItemsReader, ItemsWriter, type ItemsContext } from '@atrium/items';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { CurrentItemsContext } from './items-context.decorator';

const JSON_TYPE = 'application/json; charset=utf-8';

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
  ) {}

  /** A list as JSON text, or with `?export=` a file attachment streamed batch by batch. */
  @Get()
  async list(
    @CurrentItemsContext() context: ItemsContext,
    @Param('collection') collection: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Readable> {
    if (query.export === undefined) {
      const body = await this.reader.list(context, collection, query);
      reply.header('content-type', JSON_TYPE);
      return body;
    }
    const file = await this.exporter.export(context, collection, query);
    reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`);
    return file.stream;
  }

  @Search()
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  search(
    @CurrentItemsContext() context: ItemsContext,
    @Param('collection') collection: string,
    @Body() body: unknown,
  ): Promise<string> {
    return this.reader.search(context, collection, body);
  }

  @Get(':id')
  @Header('content-type', JSON_TYPE)
  read(
    @CurrentItemsContext() context: ItemsContext,
    @Param('collection') collection: string,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.reader.readOne(context, collection, id, query);
  }

  @Post()
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  create(
    @CurrentItemsContext() context: ItemsContext,
    @Param('collection') collection: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.writer.create(context, collection, body, query);
  }

  @Patch()
  @Header('content-type', JSON_TYPE)
  updateMany(
    @CurrentItemsContext() context: ItemsContext,
    @Param('collection') collection: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.writer.updateMany(context, collection, body, query);
  }

  @Patch(':id')
  @Header('content-type', JSON_TYPE)
  updateOne(
    @CurrentItemsContext() context: ItemsContext,
    @Param('collection') collection: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.writer.updateOne(context, collection, id, body, query);
  }

  @Delete()
  @HttpCode(204)
  deleteMany(
    @CurrentItemsContext() context: ItemsContext,
    @Param('collection') collection: string,
    @Body() body: unknown,
  ): Promise<void> {
    return this.writer.deleteMany(context, collection, body);
  }

  @Delete(':id')
  @HttpCode(204)
  deleteOne(
    @CurrentItemsContext() context: ItemsContext,
    @Param('collection') collection: string,
    @Param('id') id: string,
  ): Promise<void> {
    return this.writer.deleteOne(context, collection, id);
  }
}
