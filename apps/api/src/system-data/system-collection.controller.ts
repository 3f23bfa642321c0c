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
import { CollectionDefinition, SystemContext, SystemItemsService } from '@atrium/system-data';
import type { FastifyReply } from 'fastify';
import { CurrentSystemContext } from './system-context.decorator';
import { JSON_TYPE } from './json-type';

/** The read routes of one system collection: list, SEARCH, read one. */
export function readRoutes(definition: CollectionDefinition): Type<{ items: SystemItemsService }> {
  class SystemCollectionReadRoutes {
    constructor(@Inject(SystemItemsService) readonly items: SystemItemsService) {}

    @Get()
    @Header('content-type', JSON_TYPE)
    list(
      @CurrentSystemContext() context: SystemContext,
      @Query() query: Record<string, unknown>,
    ): Promise<string> {
      return this.items.readByQuery(context, definition, query);
    }

    @Search()
    @HttpCode(200)
    @Header('content-type', JSON_TYPE)
    search(@CurrentSystemContext() context: SystemContext, @Body() body: unknown): Promise<string> {
      return this.items.search(context, definition, body);
    }

    @Get(':id')
    @Header('content-type', JSON_TYPE)
    read(
      @CurrentSystemContext() context: SystemContext,
      @Param('id') id: string,
      @Query() query: Record<string, unknown>,
    ): Promise<string> {
      return this.items.readOne(context, definition, id, query);
    }
  }
  return SystemCollectionReadRoutes;
}

/** Read routes plus updates (one or many, JSON bodies). */
export function readUpdateRoutes(definition: CollectionDefinition): Type<{ items: SystemItemsService }> {
  class SystemCollectionUpdateRoutes extends readRoutes(definition) {
    @Patch()
    @Header('content-type', JSON_TYPE)
    updateMany(
      @CurrentSystemContext() context: SystemContext,
      @Body() body: unknown,
      @Query() query: Record<string, unknown>,
    ): Promise<string> {
      return this.items.updateMany(context, definition, body, query);
    }

    /** Nothing to read back (an admin's update of a missing key, as in Directus) answers 204. */
    @Patch(':id')
    @Header('content-type', JSON_TYPE)
    async updateOne(
      @CurrentSystemContext() context: SystemContext,
      @Param('id') id: string,
      @Body() body: unknown,
      @Query() query: Record<string, unknown>,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<string | undefined> {
      return answerUpdated(reply, await this.items.updateOne(context, definition, id, body, query));
    }
  }
  return SystemCollectionUpdateRoutes;
}

/** An update's answer: the item read back, or 204 when there is none to read (an admin's missing key). */
export function answerUpdated(reply: FastifyReply, updated: string | null): string | undefined {
  if (updated !== null) return updated;
  reply.code(204).removeHeader('content-type');
  return undefined;
}

/** Read and update routes plus create (one or many) and delete (one or many). */
function readWriteRoutes(definition: CollectionDefinition): Type<{ items: SystemItemsService }> {
  class SystemCollectionRoutes extends readUpdateRoutes(definition) {
    @Post()
    @HttpCode(200)
    @Header('content-type', JSON_TYPE)
    create(
      @CurrentSystemContext() context: SystemContext,
      @Body() body: unknown,
      @Query() query: Record<string, unknown>,
    ): Promise<string> {
      return this.items.create(context, definition, body, query);
    }

    @Delete()
    @HttpCode(204)
    deleteMany(@CurrentSystemContext() context: SystemContext, @Body() body: unknown): Promise<void> {
      return this.items.deleteMany(context, definition, body);
    }

    @Delete(':id')
    @HttpCode(204)
    deleteOne(@CurrentSystemContext() context: SystemContext, @Param('id') id: string): Promise<void> {
      return this.items.deleteOne(context, definition, id);
    }
  }
  return SystemCollectionRoutes;
}

/**
 * Directus's item routes for one system collection under `/:project/<path>`. 200 for every success with a
 * body (never 201), 204 for deletes; read-only collections (activity, revisions) have no write routes at
 * all. Each route hands the request to `SystemItemsService`, whose bodies are JSON text PostgreSQL rendered
 * (DESIGN §6): Fastify sends the string as it is.
 */
export function systemCollectionController(
  path: string,
  definition: CollectionDefinition,
  tag: string,
): Type {
  const routes = definition.readOnly ? readRoutes(definition) : readWriteRoutes(definition);
  @ApiTags(tag)
  @ApiBearerAuth()
  @Controller(`:project/${path}`)
  class SystemCollectionController extends routes {}
  // A distinct class name per collection, for Nest's logs and the OpenAPI operation ids.
  Object.defineProperty(SystemCollectionController, 'name', { value: `${tag}Controller` });
  return SystemCollectionController;
}
