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
import { invalidPayload, nulCharacterError } from '@atrium/core';
import {
  FILES,
  FilesService,
  SystemContext,
  SystemItemsService,
  uploadError,
  type UploadPart,
} from '@atrium/system-data';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { CurrentSystemContext } from './system-context.decorator';
import { JSON_TYPE } from './json-type';
import { answerUpdated, readUpdateRoutes } from './system-collection.controller';

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
 * `/:project/files`: reads and metadata updates (JSON) are the generic engine's; uploads (multipart `POST`) and
 * deletes (which also remove the stored bytes, after commit) go through `FilesService`.
 */
@ApiTags('Files')
@ApiBearerAuth()
@Controller(':project/files')
export class FilesController extends readUpdateRoutes(FILES) {
  constructor(
    @Inject(SystemItemsService) items: SystemItemsService,
    @Inject(FilesService) private readonly files: FilesService,
  ) {
    super(items);
  }

  @Post()
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  upload(
    @CurrentSystemContext() context: SystemContext,
    @Req() request: FastifyRequest,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    // Directus also takes a JSON body (a row without bytes); Atrium's rows always describe stored bytes.
    if (!request.isMultipart()) throw invalidPayload('Files are uploaded as multipart/form-data.');
    return this.files.upload(context, uploadParts(request), query);
  }

  /** Multipart replaces the file's bytes; JSON updates its metadata through the generic engine. */
  @Patch(':id')
  @Header('content-type', JSON_TYPE)
  async updateOne(
    @CurrentSystemContext() context: SystemContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Req() request: FastifyRequest,
  ): Promise<string | undefined> {
    const updated = request.isMultipart()
      ? await this.files.replace(context, id, uploadParts(request), query)
      : await this.items.updateOne(context, FILES, id, body, query);
    return answerUpdated(reply, updated);
  }

  @Delete()
  @HttpCode(204)
  deleteMany(@CurrentSystemContext() context: SystemContext, @Body() body: unknown): Promise<void> {
    return this.files.deleteMany(context, body);
  }

  @Delete(':id')
  @HttpCode(204)
  deleteOne(@CurrentSystemContext() context: SystemContext, @Param('id') id: string): Promise<void> {
    return this.files.deleteOne(context, id);
  }
}
