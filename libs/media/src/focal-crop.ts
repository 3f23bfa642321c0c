import type { FocalPoint, ResolvedTransformation } from './transformation';

/** The facts of a `directus_files` row a focal-point crop needs (the row's own column names). */
export interface FocalSource {
  width: number | null;
  height: number | null;
  focal_point_x: number | null;
  focal_point_y: number | null;
}

/** A sharp region: what `extract` cuts out. */
export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** How a focal-point crop is made: resize to `width`×`height` (covering the box), then cut out `region`. */
export interface FocalCrop {
  width: number;
  height: number;
  region: Region;
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);

/**
 * `resolved` with the file's focal point where Directus crops around it: `fit=cover` (or no fit) with both
 * a width and a height, a focal point set, and the file's size known. Anywhere else `resolved` itself, so
 * variant names of every other transformation stay as they were. The point and size become part of the
 * variant's name, so moving the point (or new bytes with another size) makes a new variant.
 */
export function withFocalPoint(
  resolved: ResolvedTransformation,
  source: FocalSource | undefined,
): ResolvedTransformation {
  if (!source || (resolved.fit !== undefined && resolved.fit !== 'cover')) return resolved;
  const { width, height, focal_point_x: x, focal_point_y: y } = source;
  if (!resolved.width || !resolved.height || !width || !height || x === null || y === null) return resolved;
  return { ...resolved, focalPoint: { x, y, width, height } };
}

/**
 * Directus's focal-point crop: scale the image by the factor that makes it just cover the box (one side
 * equal to the box's, the other at least as long), then cut the box out centred on the scaled focal point,
 * moved back inside the image where the point is too near an edge. With `withoutEnlargement` the box is
 * first reduced to the image's own size, so nothing is scaled up (as Directus does).
 */
export function focalCrop(
  box: { width: number; height: number; withoutEnlargement?: boolean },
  focalPoint: FocalPoint,
): FocalCrop {
  const original = { w: focalPoint.width, h: focalPoint.height };
  const target = box.withoutEnlargement
    ? { w: Math.min(box.width, original.w), h: Math.min(box.height, original.h) }
    : { w: box.width, h: box.height };
  const heightRatio = original.h / target.h;
  const widthRatio = original.w / target.w;
  const factor = Math.min(heightRatio, widthRatio);
  const width = heightRatio < widthRatio ? Math.round(original.w / factor) : target.w;
  const height = heightRatio < widthRatio ? target.h : Math.round(original.h / factor);
  return {
    width,
    height,
    region: {
      left: clamp(Math.round(focalPoint.x / factor - target.w / 2), 0, width - target.w),
      top: clamp(Math.round(focalPoint.y / factor - target.h / 2), 0, height - target.h),
      width: target.w,
      height: target.h,
    },
  };
}
