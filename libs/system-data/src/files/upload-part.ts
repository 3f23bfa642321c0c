import { AtriumException, invalidPayload } from '@atrium/core';
import { Readable } from 'node:stream';

/** A text part of a multipart upload: metadata for the next file. */
export interface UploadField {
  type: 'field';
  fieldname: string;
  value: unknown;
  /** The value was cut at the parser's field size limit. */
  valueTruncated?: boolean;
}

/** A file part: its bytes arrive as a stream, `truncated` once the size limit cut it. */
export interface UploadFile {
  type: 'file';
  fieldname: string;
  filename: string;
  mimetype: string;
  file: Readable & { truncated?: boolean };
}

/** The parts of a multipart body in order (what `@fastify/multipart`'s `request.parts()` yields). */
export type UploadPart = UploadField | UploadFile;

export const contentTooLarge = (): AtriumException =>
  new AtriumException('CONTENT_TOO_LARGE', 'Uploaded content is too large.');

/**
 * An error of the multipart parser as the client's fault: 413 when a parser limit was reached (its errors
 * carry `statusCode`), 400 for a malformed or cut-off body.
 */
export function uploadError(error: unknown): AtriumException {
  if (error instanceof AtriumException) return error;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (status === 413) return contentTooLarge();
  return invalidPayload('The multipart body is malformed or incomplete.');
}

/**
 * The bytes of a file part, failing with 413 at its end when the parser cut it at the size limit (a cut
 * stream ends normally; only its `truncated` flag tells). Lazy: nothing flows until the driver reads it.
 */
export function limitedContent(part: UploadFile): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of part.file) yield chunk as Buffer;
    } catch (error) {
      throw uploadError(error);
    }
    if (part.file.truncated) throw contentTooLarge();
  }
  return Readable.from(chunks(), { objectMode: false });
}
