import { Logger } from '@nestjs/common';
import { AtriumException } from '@atrium/core';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readExifSubset, type FileMetadata } from './exif-subset';
import { readIptcFields } from './iptc-fields';
import { sharp } from './sharp';

/**
 * What the `metadata` job learns from a stored image, as Directus's metadata extraction does: the displayed
 * size, the `metadata` column's subset, and the IPTC caption, headline and keywords for the row's
 * `description`, `title` and `tags` (each only when the image has one).
 */
export interface ImageMetadata {
  width: number;
  height: number;
  metadata: FileMetadata;
  description?: string;
  title?: string;
  tags?: string[];
}

/** EXIF orientations 5–8 are quarter turns: the image is shown with width and height swapped. */
const QUARTER_TURNED = new Set([5, 6, 7, 8]);

const logger = new Logger('ImageMetadata');

/**
 * Reads a stored image's header with sharp (no pixel is decoded). Input sharp refuses answers
 * `ILLEGAL_ASSET_TRANSFORMATION`, as a refused transform does, so callers tell a bad image (permanent) from
 * an I/O fault (worth retrying). A malformed EXIF or IPTC block is only no metadata: the size still counts.
 */
export async function readImageMetadata(source: Readable): Promise<ImageMetadata> {
  const image = sharp();
  const reading = image.metadata();
  // A source error (or sharp's refusal) ends both sides; the refusal is the one reported below.
  const feeding = pipeline(source, image).catch((error: Error) => error);
  let header: Awaited<typeof reading>;
  try {
    header = await reading;
  } catch (error) {
    const fed = await feeding;
    // The source failing (storage I/O) is not the image's fault: let the caller retry.
    if (fed instanceof Error && !isSharpError(fed)) throw fed;
    const reason = (error as Error).message.split('\n')[0].slice(0, 200);
    throw new AtriumException('ILLEGAL_ASSET_TRANSFORMATION', `The image can't be read: ${reason}`);
  }
  const fed = await feeding;
  if (fed instanceof Error && !isSharpError(fed)) throw fed;
  const { width, height, orientation } = header;
  if (!width || !height) {
    throw new AtriumException('ILLEGAL_ASSET_TRANSFORMATION', 'The image has no dimensions.');
  }
  const turned = QUARTER_TURNED.has(orientation ?? 1);
  const result: ImageMetadata = {
    width: turned ? height : width,
    height: turned ? width : height,
    metadata: header.exif ? leniently('EXIF', () => readExifSubset(header.exif as Buffer), {}) : {},
  };
  const iptc = header.iptc ? leniently('IPTC', () => readIptcFields(header.iptc as Buffer), {}) : {};
  if (iptc.caption) result.description = iptc.caption;
  if (iptc.headline) result.title = iptc.headline;
  if (iptc.keywords) result.tags = iptc.keywords;
  return result;
}

/** A metadata block that cannot be parsed is logged and read as empty, as Directus does. */
function leniently<T>(block: string, parse: () => T, empty: T): T {
  try {
    return parse();
  } catch (error) {
    logger.warn({ block, reason: (error as Error).message.slice(0, 200) }, 'image metadata block ignored');
    return empty;
  }
}

/** sharp reports decoding problems as plain Errors on the sharp stream; storage errors carry a `code`. */
function isSharpError(error: Error): boolean {
  return (error as { code?: unknown }).code === undefined;
}
