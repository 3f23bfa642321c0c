import type { ExportFile } from '@atrium/items';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';

/** The content type of the JSON text bodies the engine returns (sent as they are). */
export const JSON_TYPE = 'application/json; charset=utf-8';

/** Sends an export as a download: its type, its file name, and the body streamed as it is produced. */
export function attach(reply: FastifyReply, file: ExportFile): Readable {
  reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`);
  return file.stream;
}

/**
 * A write's answer: the item(s) read back, or 204 with no body when there is nothing the caller may read
 * (a write they may not read back, an admin's update of a missing key — as in Directus).
 */
export function orNoContent(reply: FastifyReply, body: string | null): string | undefined {
  if (body !== null) return body;
  reply.code(204).removeHeader('content-type');
  return undefined;
}

/** A JSON text body with its content type. */
export function json(reply: FastifyReply, body: string): string {
  reply.header('content-type', JSON_TYPE);
  return body;
}
