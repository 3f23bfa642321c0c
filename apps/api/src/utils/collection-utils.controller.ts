import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AtriumException, invalidPayload } from '@atrium/core';
import { ItemsImporter, ItemsSorter } from '@atrium/items';
import type { RequestContext } from '@atrium/permissions';
import { ExportToFile, uploadError } from '@atrium/system-data';
import type { FastifyRequest } from 'fastify';
import { CurrentContext } from '../request/current-context.decorator';

const scopeOf = (name: string) => (name.startsWith('directus_') ? 'system' : 'user');

/** `/:project/utils/{sort,import,export}/:collection`: whole-collection work on the one items engine. */
@ApiTags('Utilities')
@ApiBearerAuth()
@Controller(':project/utils')
export class CollectionUtilsController {
  constructor(
    private readonly sorter: ItemsSorter,
    private readonly importer: ItemsImporter,
    private readonly exporter: ExportToFile,
  ) {}

  /** `{item, to}`: moves `item` to `to`'s place in the sort field; 200 with no body, as Directus answers. */
  @Post('sort/:collection')
  @HttpCode(200)
  async sort(
    @CurrentContext() context: RequestContext,
    @Param('collection') name: string,
    @Body() body: unknown,
  ): Promise<void> {
    await this.sorter.sort(context, name, body, scopeOf(name));
  }

  /** A multipart body's first file (JSON array or CSV), imported in one transaction; 200 with no body. */
  @Post('import/:collection')
  @HttpCode(200)
  async import(
    @CurrentContext() context: RequestContext,
    @Param('collection') name: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    if (!request.isMultipart()) {
      throw new AtriumException(
        'UNSUPPORTED_MEDIA_TYPE',
        'Unsupported Content-Type header: send the file as multipart/form-data.',
      );
    }
    let part;
    try {
      part = await request.file();
    } catch (error) {
      throw uploadError(error);
    }
    if (!part) throw invalidPayload('No file was included in the body.');
    await this.importer.import(context, name, {
      mimetype: part.mimetype,
      filename: part.filename,
      stream: part.file,
    });
  }

  /** `{format, query, file?}`: the export is stored in `/files` before the 204. */
  @Post('export/:collection')
  @HttpCode(204)
  async export(
    @CurrentContext() context: RequestContext,
    @Param('collection') name: string,
    @Body() body: unknown,
  ): Promise<void> {
    await this.exporter.export(context, name, body);
  }
}
