import { AtriumException, invalidPayload, isPlainObject, serviceUnavailable } from '@atrium/core';
import { ImportError } from '@atrium/files';
import { contentTooLarge } from './upload-part';

/** `POST /files/import`'s body, checked: the URL to fetch and the metadata of the new row. */
export interface ImportRequest {
  url: string;
  data: Record<string, unknown>;
}

const KEYS = new Set(['url', 'data']);

/** Directus's rules for the body (`url` a required string, `data` an optional object, nothing else). */
export function importRequest(body: unknown): ImportRequest {
  if (!isPlainObject(body)) throw invalidPayload('"value" must be of type object');
  const unknown = Object.keys(body).find((key) => !KEYS.has(key));
  if (unknown !== undefined) throw invalidPayload(`"${unknown}" is not allowed`);
  const { url, data } = body;
  if (url === undefined) throw invalidPayload('"url" is required');
  if (typeof url !== 'string') throw invalidPayload('"url" must be a string');
  if (url.trim() === '') throw invalidPayload('"url" is not allowed to be empty');
  if (data !== undefined && !isPlainObject(data)) throw invalidPayload('"data" must be of type object');
  return { url, data: data ?? {} };
}

/**
 * An import's failure as the API answers it: a URL that is not http(s) is the caller's mistake (400); bytes
 * over the upload limit answer as an upload's (413); anything about reaching the remote — refused address,
 * DNS, connection, status, timeout — is Directus's 503 for the `external-file` service, which does not say
 * which (the reason is logged).
 */
export function importFailure(error: unknown, url: string): unknown {
  if (!(error instanceof ImportError)) return error;
  if (error.failure === 'invalid-url') return invalidPayload(error.message);
  if (error.failure === 'too-large') return contentTooLarge();
  return couldNotFetch(url);
}

export const couldNotFetch = (url: string): AtriumException =>
  serviceUnavailable('external-file', `Couldn't fetch file from URL "${url}".`);
