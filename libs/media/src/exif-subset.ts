import exif from 'exif-reader';
import { boundedText } from './metadata-text';

/** What goes into a file's `metadata` column: groups of named values, JSON-safe and bounded. */
export type FileMetadata = Record<string, Record<string, MetadataValue>>;
export type MetadataValue = string | number | number[];

/**
 * The EXIF tags kept, by the group names Directus stores them under (`ifd0` for the image's own tags,
 * `exif` for the photo's): Directus's default `FILE_METADATA_ALLOW_LIST`. Its ISO entry is the tag
 * exif-reader names `ISOSpeedRatings`. The rest of a file's EXIF (maker notes, thumbnails, GPS position) is
 * not stored: it can be large, and where a picture was taken is not something an upload should publish.
 */
export const EXIF_SUBSET = {
  ifd0: ['Make', 'Model'],
  exif: ['FNumber', 'ExposureTime', 'FocalLength', 'ISOSpeedRatings'],
} as const;

/** Longest text kept from one tag; EXIF's own text tags (make, model) are far shorter. */
const MAX_TEXT = 256;
/** Most numbers kept from one tag (a tag may carry a list, e.g. ISO per exposure). */
const MAX_NUMBERS = 16;
/** EXIF beyond this is not parsed at all (a JPEG's is at most 64 KiB; more is no camera's). */
export const MAX_EXIF_BYTES = 1024 * 1024;

/** A tag's value as stored: text bounded, numbers finite, dates as ISO text; binary and the rest dropped. */
function storable(value: unknown): MetadataValue | undefined {
  if (typeof value === 'string') return boundedText(value, MAX_TEXT);
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (Array.isArray(value) && value.length > 0 && value.every((n) => typeof n === 'number')) {
    const numbers = value.slice(0, MAX_NUMBERS).filter((n) => Number.isFinite(n));
    return numbers.length === value.slice(0, MAX_NUMBERS).length ? numbers : undefined;
  }
  // Buffers (undecodable text, maker notes, versions) and anything else.
  return undefined;
}

function pick(
  tags: Record<string, unknown> | undefined,
  names: readonly string[],
): Record<string, MetadataValue> {
  const picked: Record<string, MetadataValue> = {};
  for (const name of names) {
    const value = storable(tags?.[name]);
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/**
 * The stored subset of an EXIF block (as sharp reports it, `Exif\0\0` then TIFF). Throws what exif-reader
 * throws for a malformed block; the caller decides that a bad block is no metadata.
 */
export function readExifSubset(buffer: Buffer): FileMetadata {
  if (buffer.length > MAX_EXIF_BYTES) return {};
  const { Image, Photo } = exif(buffer);
  const subset: FileMetadata = {};
  const ifd0 = pick(Image, EXIF_SUBSET.ifd0);
  const photo = pick(Photo, EXIF_SUBSET.exif);
  if (Object.keys(ifd0).length) subset.ifd0 = ifd0;
  if (Object.keys(photo).length) subset.exif = photo;
  return subset;
}
