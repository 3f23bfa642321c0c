import { Inject, Injectable } from '@nestjs/common';
import { invalidPayload, isPlainObject } from '@atrium/core';
import { ItemsExporter, ItemsReader } from '@atrium/items';
import type { RequestContext } from '@atrium/permissions';
import { FilesService } from './files.service';
import type { UploadPart } from './upload-part';

const FILES = 'directus_files';

interface ExportRequest {
  format: string;
  query: Record<string, unknown>;
  file: Record<string, unknown>;
}

function exportRequest(body: unknown): ExportRequest {
  if (!isPlainObject(body)) throw invalidPayload('The body has to be an object with "query" and "format".');
  if (!isPlainObject(body.query)) throw invalidPayload('"query" is required.');
  if (typeof body.format !== 'string' || body.format === '') throw invalidPayload('"format" is required.');
  if (body.file !== undefined && body.file !== null && !isPlainObject(body.file)) {
    throw invalidPayload('"file" has to be an object of the new file\'s fields.');
  }
  return {
    format: body.format,
    query: body.query,
    file: (body.file as Record<string, unknown> | null) ?? {},
  };
}

/** `2026-12-03 10:04:05` → `20261203-100405`: the export's title, as Directus stamps its own. */
const stamp = (now: Date) => now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

/**
 * `POST /utils/export/:collection {format, query, file?}` (the SDK's `utilsExport`): the query's rows,
 * exported as `?export=` would (same formats, same permissions, batch by batch), stored as a new file in
 * `/files` with `file`'s fields (title, folder, description…) — all under the caller's own permissions: read
 * on the collection and create on files. The file is written before the answer, so when the 204 arrives it
 * is in `/files`; a failure part-way leaves no file behind.
 */
@Injectable()
export class ExportToFile {
  constructor(
    @Inject(ItemsReader) private readonly reader: ItemsReader,
    @Inject(ItemsExporter) private readonly exporter: ItemsExporter,
    @Inject(FilesService) private readonly files: FilesService,
  ) {}

  async export(context: RequestContext, name: string, body: unknown): Promise<void> {
    const request = exportRequest(body);
    this.reader.target(context, FILES, 'create', 'system');
    const scope = name.startsWith('directus_') ? 'system' : 'user';
    const exported = await this.exporter.exportSearch(
      context,
      name,
      { query: { ...request.query, export: request.format } },
      scope,
    );
    const title = `export-${name}-${stamp(context.now)}`;
    const extension = /\.[a-z0-9]+$/i.exec(exported.filename)?.[0] ?? '';
    const metadata: Record<string, unknown> = {
      title,
      filename_download: `${title}${extension}`,
      ...request.file,
    };
    async function* parts(): AsyncGenerator<UploadPart> {
      for (const [fieldname, value] of Object.entries(metadata)) yield { type: 'field', fieldname, value };
      yield {
        type: 'file',
        fieldname: 'file',
        filename: String(metadata.filename_download),
        mimetype: exported.contentType,
        file: exported.stream,
      };
    }
    await this.files.upload(context, parts(), {});
  }
}
