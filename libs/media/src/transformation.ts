/** How a resize fits the box (sharp's and Directus's names). */
export const FITS = ['cover', 'contain', 'inside', 'outside'] as const;
export type Fit = (typeof FITS)[number];

/** Formats a transform may write. `jpg` is accepted for `jpeg`; `auto` is resolved from `Accept`. */
export const OUTPUT_FORMATS = ['jpeg', 'png', 'webp', 'tiff', 'avif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** One sharp call of a `transforms` parameter: `[method, ...arguments]`. */
export type TransformStep = [string, ...unknown[]];

/** A requested transformation, validated and normalised (the same request always gives the same value). */
export interface Transformation {
  width?: number;
  height?: number;
  fit?: Fit;
  quality?: number;
  withoutEnlargement?: boolean;
  format?: OutputFormat | 'auto';
  transforms?: TransformStep[];
}

/**
 * The file's focal point, in pixels of its displayed image, and that image's size (the point means nothing
 * without it): a `cover` crop with both sides keeps it as near the centre as the image allows.
 */
export interface FocalPoint {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A transformation with its output format decided: what is produced, cached and keyed. */
export interface ResolvedTransformation extends Omit<Transformation, 'format'> {
  format: OutputFormat;
  /** Set only where the crop follows the file's focal point (see `withFocalPoint`). */
  focalPoint?: FocalPoint;
}

/** Source types sharp transforms (Directus's list); other files are served as they are. */
export const TRANSFORMABLE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/tiff', 'image/avif'];

export const CONTENT_TYPES: Readonly<Record<OutputFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  tiff: 'image/tiff',
  avif: 'image/avif',
};

export const EXTENSIONS: Readonly<Record<OutputFormat, string>> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  tiff: 'tiff',
  avif: 'avif',
};
