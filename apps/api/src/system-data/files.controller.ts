import {
  Body,
  Controller,
  Delete,
  Header,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { nulCharacterError } from '@atrium/core';
import { ItemsExporter, ItemsReader, ItemsWriter } from '@atrium/items';
import type { RequestContext } from '@atrium/permissions';
import { FilesService, uploadError, type UploadPart } from '@atrium/system-data';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { JSON_TYPE, orNoContent } from '../items/answers';
import { CurrentContext } from '../request/current-context.decorator';
import { readUpdateRoutes } from './system-collection.controller';

const FILES = 'directus_files';

/**
 * A part's name, file name and text value reach PostgreSQL as text, which holds no NUL: refused before any
 * byte is stored, naming the field (a file's name becomes its `filename_download`).
 */
function refuseNulCharacters(part: Multipart): void {
  const field = part.fieldname.replaceAll('\u0000', '\\0');
  if (field !== part.fieldname) throw nulCharacterError(field);
  if (part.type === 'file' && part.filename.includes('\u0000')) throw nulCharacterError('filename_download');
  if (part.type === 'field' && typeof part.value === 'string' && part.value.includes('\u0000')) {
    throw nulCharacterError(field);
  }
}

/** The request's multipart parts as the upload takes them; parser failures become 400/413 envelopes. */
async function* uploadParts(request: FastifyRequest): AsyncGenerator<UploadPart> {
  try {
    for await (const part of request.parts()) {
      refuseNulCharacters(part);
      yield part.type === 'file'
        ? {
            type: 'file',
            fieldname: part.fieldname,
            filename: part.filename,
            mimetype: part.mimetype,
            file: part.file,
          }
        : {
            type: 'field',
            fieldname: part.fieldname,
            value: part.value,
            valueTruncated: part.valueTruncated,
          };
    }
  } catch (error) {
    throw uploadError(error);
  }
}

/**
 * `/:project/files`: reads and metadata updates (JSON) are the generic engine's; rows without bytes (JSON
 * `POST`), uploads (multipart `POST`), imports from a URL (`POST /files/import`) and deletes (which also
 * remove the stored bytes, after commit) go through `FilesService`.
 */
@ApiTags('Files')
@ApiBearerAuth()
@Controller(':project/files')
export class FilesController extends readUpdateRoutes(FILES) {
  constructor(
    @Inject(ItemsReader) reader: ItemsReader,
    @Inject(ItemsWriter) writer: ItemsWriter,
    @Inject(ItemsExporter) exporter: ItemsExporter,
    @Inject(FilesService) private readonly files: FilesService,
  ) {
    super(reader, writer, exporter);
  }

  @Post()
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  async create(
    @CurrentContext() context: RequestContext,
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | undefined> {
    const created = request.isMultipart()
      ? await this.files.upload(context, uploadParts(request), query)
      : await this.files.createWithoutBytes(context, request.body, query);
    return orNoContent(reply, created);
  }

  /** `{url, data?}`: the file is downloaded from the URL (SSRF-checked) and stored as an upload would be. */
  @Post('import')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  async importFile(
    @CurrentContext() context: RequestContext,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | undefined> {
    return orNoContent(reply, await this.files.importFile(context, body, query));
  }

  /** Multipart replaces the file's bytes; JSON updates its metadata through the generic engine. */
  @Patch(':id')
  @Header('content-type', JSON_TYPE)
  async updateOne(
    @CurrentContext() context: RequestContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Req() request: FastifyRequest,
  ): Promise<string | undefined> {
    const updated = request.isMultipart()
      ? await this.files.replace(context, id, uploadParts(request), query)
      : await this.writer.updateOne(context, FILES, id, body, query, 'system');
    return orNoContent(reply, updated);
  }

  @Delete()
  @HttpCode(204)
  deleteMany(@CurrentContext() context: RequestContext, @Body() body: unknown): Promise<void> {
    return this.files.deleteMany(context, body);
  }

  @Delete(':id')
  @HttpCode(204)
  deleteOne(@CurrentContext() context: RequestContext, @Param('id') id: string): Promise<void> {
    return this.files.deleteOne(context, id);
  }
}
