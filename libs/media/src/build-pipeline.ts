import { AtriumException } from '@atrium/core';
import { focalCrop } from './focal-crop';
import { sharp, type Sharp } from './sharp';
import type { ResolvedTransformation, TransformStep } from './transformation';

export interface PipelineLimits {
  /** Largest source or output width/height; the source's pixel count is bounded by its square. */
  maxDimension: number;
  timeoutMs: number;
}

function invalid(message: string): AtriumException {
  return new AtriumException('INVALID_QUERY', message);
}

/** Sizes named in a step's arguments (resize's, extend's), which must stay within the output limit. */
function sizesIn(args: readonly unknown[]): number[] {
  const sizes: number[] = [];
  for (const arg of args) {
    if (typeof arg === 'number') sizes.push(arg);
    else if (arg && typeof arg === 'object') {
      for (const [key, value] of Object.entries(arg)) {
        if (['width', 'height', 'top', 'bottom', 'left', 'right'].includes(key) && typeof value === 'number')
          sizes.push(value);
      }
    }
  }
  return sizes;
}

function applyStep(image: Sharp, [method, ...args]: TransformStep, limits: PipelineLimits): Sharp {
  if (
    (method === 'resize' || method === 'extend') &&
    sizesIn(args).some((size) => size > limits.maxDimension)
  ) {
    throw new AtriumException(
      'ILLEGAL_ASSET_TRANSFORMATION',
      `Transform "${method}" would go beyond ${limits.maxDimension} pixels.`,
    );
  }
  const call = (image as unknown as Record<string, unknown>)[method];
  if (typeof call !== 'function') throw invalid(`Transform "${method}" isn't allowed.`);
  try {
    // sharp checks a call's arguments when it is made, before any pixel is read.
    return (call as (...values: unknown[]) => Sharp).apply(image, args);
  } catch (error) {
    throw invalid(`Transform "${method}" has invalid arguments: ${(error as Error).message}`);
  }
}

/**
 * The one sharp pipeline for a transformation, used by the API and the worker alike: EXIF orientation
 * applied, decoding refused past the pixel limit (decompression bombs) and on corrupt input, a processing
 * timeout, then resize (a `cover` crop around the file's focal point where `focalPoint` is set), the allowed
 * operations in order, and the output format.
 */
export function buildPipeline(transformation: ResolvedTransformation, limits: PipelineLimits): Sharp {
  let image = sharp({
    limitInputPixels: limits.maxDimension * limits.maxDimension,
    failOn: 'error',
    sequentialRead: true,
  })
    .rotate()
    .timeout({ seconds: Math.max(1, Math.ceil(limits.timeoutMs / 1000)) });
  const { width, height, focalPoint } = transformation;
  if (focalPoint && width !== undefined && height !== undefined) {
    const crop = focalCrop(
      { width, height, withoutEnlargement: transformation.withoutEnlargement },
      focalPoint,
    );
    try {
      // Resized lazily: libvips computes only the pixels of the region cut out, however wide the cover is.
      image = image.resize({ width: crop.width, height: crop.height, fit: 'cover' }).extract(crop.region);
    } catch (error) {
      // A row whose size is far from its image's (the size is editable) can ask sharp for the impossible.
      throw new AtriumException(
        'ILLEGAL_ASSET_TRANSFORMATION',
        `The focal point crop can't be made: ${(error as Error).message.slice(0, 200)}`,
      );
    }
  } else if (width !== undefined || height !== undefined) {
    image = image.resize({
      width,
      height,
      fit: transformation.fit ?? 'cover',
      withoutEnlargement: transformation.withoutEnlargement ?? false,
    });
  }
  for (const step of transformation.transforms ?? []) image = applyStep(image, step, limits);
  const options = transformation.quality !== undefined ? { quality: transformation.quality } : {};
  return image.toFormat(transformation.format, options);
}
