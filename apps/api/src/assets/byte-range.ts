import { AtriumException } from '@atrium/core';
import type { ByteRange } from '@atrium/files';

/** 416 with the `Content-Range: bytes *\/<size>` a client needs to ask again (set by the controller). */
export function rangeNotSatisfiable(size: number): AtriumException {
  return new AtriumException('RANGE_NOT_SATISFIABLE', "Requested range isn't satisfiable.", { size });
}

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * The byte range a `Range` header asks of an object of `size` bytes: null when there is no header (or one in
 * a unit other than bytes, which RFC 9110 says to ignore), the range clamped to the object, or 416 when it is
 * malformed, lies past the end, or asks for several ranges (multipart answers are not served; Directus
 * answers one range too).
 */
export function requestedRange(header: string | undefined, size: number): ByteRange | null {
  if (header === undefined) return null;
  const value = header.trim();
  if (!value.toLowerCase().startsWith('bytes=')) return null;
  const match = SINGLE_RANGE.exec(value.replace(/\s+/g, ''));
  if (!match || (match[1] === '' && match[2] === '')) throw rangeNotSatisfiable(size);
  const [, first, last] = match;
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) throw rangeNotSatisfiable(size);
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || (last !== '' && Number(last) < start)) throw rangeNotSatisfiable(size);
  return { start, end };
}
