import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Search,
  Type,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CollectionDefinition,
  ListResult,
  Row,
  SystemContext,
  SystemItemsService,
} from '@atrium/system-data';
import { CurrentSystemContext } from './system-context.decorator';

/**
 * Directus's item routes for one system collection under `/:project/<path>`: list, SEARCH, read, create
 * (one or many), update (one or many), delete (one or many). 200 for every success with a body (never 201),
 * 204 for deletes. Each route hands the request to `SystemItemsService`.
 */
export function systemCollectionController(
  path: string,
  definition: CollectionDefinition,
  tag: string,
): Type {
  @ApiTags(tag)
  @ApiBearerAuth()
  @Controller(`:project/${path}`)
  class SystemCollectionController {
    constructor(@Inject(SystemItemsService) private readonly items: SystemItemsService) {}

    @Get()
    list(
      @CurrentSystemContext() context: SystemContext,
      @Query() query: Record<string, unknown>,
    ): Promise<ListResult> {
      return this.items.readByQuery(context, definition, query);
    }

    @Search()
    @HttpCode(200)
    search(@CurrentSystemContext() context: SystemContext, @Body() body: unknown): Promise<ListResult> {
      return this.items.search(context, definition, body);
    }

    @Get(':id')
    read(
      @CurrentSystemContext() context: SystemContext,
      @Param('id') id: string,
      @Query() query: Record<string, unknown>,
    ): Promise<{ data: Row }> {
      return this.items.readOne(context, definition, id, query);
    }

    @Post()
    @HttpCode(200)
    create(
      @CurrentSystemContext() context: SystemContext,
      @Body() body: unknown,
      @Query() query: Record<string, unknown>,
    ): Promise<{ data: Row | Row[] }> {
      return this.items.create(context, definition, body, query);
    }

    @Patch()
    updateMany(
      @CurrentSystemContext() context: SystemContext,
      @Body() body: unknown,
      @Query() query: Record<string, unknown>,
    ): Promise<{ data: Row[] }> {
      return this.items.updateMany(context, definition, body, query);
    }

    @Patch(':id')
    updateOne(
      @CurrentSystemContext() context: SystemContext,
      @Param('id') id: string,
      @Body() body: unknown,
      @Query() query: Record<string, unknown>,
    ): Promise<{ data: Row }> {
      return this.items.updateOne(context, definition, id, body, query);
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
  // A distinct class name per collection, for Nest's logs and the OpenAPI operation ids.
  Object.defineProperty(SystemCollectionController, 'name', { value: `${tag}Controller` });
  return SystemCollectionController;
}
