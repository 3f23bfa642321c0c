import { AtriumException } from '@atrium/core';
import { ALLOWED_TRANSFORMS } from './allowed-transforms';
import { FITS, OUTPUT_FORMATS, type Fit, type Transformation, type TransformStep } from './transformation';

export interface TransformationLimits {
  maxDimension: number;
  maxOperations: number;
}

/** The query parameters that ask for a transformation (Directus's), `key` included. */
export const TRANSFORMATION_PARAMETERS = [
  'key',
  'width',
  'height',
  'fit',
  'quality',
  'withoutEnlargement',
  'format',
  'transforms',
] as const;

function invalid(message: string): AtriumException {
  return new AtriumException('INVALID_QUERY', message);
}

function text(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalid(`"${name}" has to be a single value.`);
}

function integer(value: unknown, name: string, min: number, max: number): number {
  const raw = text(value, name);
  const parsed = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw invalid(`"${name}" has to be a whole number from ${min} to ${max}.`);
  }
  return parsed;
}

function flag(value: unknown, name: string): boolean {
  const raw = text(value, name);
  if (raw === '' || raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw invalid(`"${name}" has to be true or false.`);
}

function steps(value: unknown, maxOperations: number): TransformStep[] {
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      throw invalid('"transforms" has to be a JSON array of [method, ...arguments] arrays.');
    }
  }
  if (!Array.isArray(list)) throw invalid('"transforms" has to be an array.');
  if (list.length > maxOperations) {
    throw invalid(`"transforms" may list at most ${maxOperations} operations.`);
  }
  return list.map((step) => {
    if (!Array.isArray(step) || typeof step[0] !== 'string') {
      throw invalid('Every transform has to be an array starting with a method name.');
    }
    if (!ALLOWED_TRANSFORMS.has(step[0])) throw invalid(`Transform "${step[0]}" isn't allowed.`);
    return step as TransformStep;
  });
}

/**
 * The transformation the query (or a preset) asks for, checked and normalised: unknown values, out-of-range
 * sizes and methods outside the allow-list answer 400 INVALID_QUERY before any pixel is read. Absent
 * parameters stay absent, so two spellings of one request normalise to one variant.
 */
export function parseTransformation(
  input: Record<string, unknown>,
  limits: TransformationLimits,
): Transformation {
  const result: Transformation = {};
  if (input.width !== undefined && input.width !== null)
    result.width = integer(input.width, 'width', 1, limits.maxDimension);
  if (input.height !== undefined && input.height !== null)
    result.height = integer(input.height, 'height', 1, limits.maxDimension);
  if (input.fit !== undefined && input.fit !== null) {
    const fit = text(input.fit, 'fit');
    if (!(FITS as readonly string[]).includes(fit))
      throw invalid(`"fit" has to be one of ${FITS.join(', ')}.`);
    result.fit = fit as Fit;
  }
  if (input.quality !== undefined && input.quality !== null)
    result.quality = integer(input.quality, 'quality', 1, 100);
  if (input.withoutEnlargement !== undefined && input.withoutEnlargement !== null)
    result.withoutEnlargement = flag(input.withoutEnlargement, 'withoutEnlargement');
  if (input.format !== undefined && input.format !== null) {
    const format = text(input.format, 'format').toLowerCase();
    const named = format === 'jpg' ? 'jpeg' : format;
    if (named !== 'auto' && !(OUTPUT_FORMATS as readonly string[]).includes(named)) {
      throw invalid(`"format" has to be one of jpg, ${OUTPUT_FORMATS.join(', ')}, auto.`);
    }
    result.format = named as Transformation['format'];
  }
  if (input.transforms !== undefined && input.transforms !== null) {
    const list = steps(input.transforms, limits.maxOperations);
    if (list.length > 0) result.transforms = list;
  }
  return result;
}
