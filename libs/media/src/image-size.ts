import { AtriumException } from '@atrium/core';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sharp } from './sharp';

export interface ImageSize {
  width: number;
  height: number;
}

/** EXIF orientations 5–8 are quarter turns: the image is shown with width and height swapped. */
const QUARTER_TURNED = new Set([5, 6, 7, 8]);

/**
 * The displayed dimensions of a stored image, read from its header by sharp (no pixel is decoded). Input
 * sharp refuses answers `ILLEGAL_ASSET_TRANSFORMATION`, as a refused transform does, so callers tell a bad
 * image (permanent) from an I/O fault (worth retrying).
 */
export async function readImageSize(source: Readable): Promise<ImageSize> {
  const image = sharp();
  const metadata = image.metadata();
  // A source error (or sharp's refusal) ends both sides; the refusal is the one reported below.
  const feeding = pipeline(source, image).catch((error: Error) => error);
  let width: number | undefined;
  let height: number | undefined;
  let orientation: number | undefined;
  try {
    ({ width, height, orientation } = await metadata);
  } catch (error) {
    const fed = await feeding;
    // The source failing (storage I/O) is not the image's fault: let the caller retry.
    if (fed instanceof Error && !isSharpError(fed)) throw fed;
    const reason = (error as Error).message.split('\n')[0].slice(0, 200);
    throw new AtriumException('ILLEGAL_ASSET_TRANSFORMATION', `The image can't be read: ${reason}`);
  }
  const fed = await feeding;
  if (fed instanceof Error && !isSharpError(fed)) throw fed;
  if (!width || !height) {
    throw new AtriumException('ILLEGAL_ASSET_TRANSFORMATION', 'The image has no dimensions.');
  }
  return QUARTER_TURNED.has(orientation ?? 1) ? { width: height, height: width } : { width, height };
}

/** sharp reports decoding problems as plain Errors on the sharp stream; storage errors carry a `code`. */
function isSharpError(error: Error): boolean {
  return (error as { code?: unknown }).code === undefined;
}
