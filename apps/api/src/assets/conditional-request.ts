import type { IncomingHttpHeaders } from 'node:http';

/** What a conditional request is compared against. */
export interface Validators {
  etag: string;
  modified: Date;
}

/** HTTP dates carry whole seconds: a file modified within the same second is "not modified since". */
function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function listsTag(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/**
 * True when the client's copy is current (RFC 9110 §13.2.2): `If-None-Match` decides when present,
 * otherwise `If-Modified-Since`. The answer is then 304 with no body.
 */
export function isNotModified(headers: IncomingHttpHeaders, current: Validators): boolean {
  const noneMatch = headers['if-none-match'];
  if (noneMatch !== undefined) return listsTag(noneMatch, current.etag);
  const since = headers['if-modified-since'];
  if (since === undefined) return false;
  const date = Date.parse(since);
  return !Number.isNaN(date) && seconds(current.modified) <= Math.floor(date / 1000);
}

/**
 * Whether a `Range` may be honoured: an `If-Range` naming another version (an old ETag or an older date)
 * means the client's partial copy is stale, so the whole object is sent instead.
 */
export function rangeStillValid(headers: IncomingHttpHeaders, current: Validators): boolean {
  const header = headers['if-range'];
  if (header === undefined) return true;
  const ifRange = (Array.isArray(header) ? header[0] : header).trim();
  if (ifRange.startsWith('"') || ifRange.startsWith('W/')) return ifRange === current.etag;
  const date = Date.parse(ifRange);
  return !Number.isNaN(date) && seconds(current.modified) <= Math.floor(date / 1000);
}
