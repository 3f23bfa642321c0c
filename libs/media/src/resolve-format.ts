import type { OutputFormat, ResolvedTransformation, Transformation } from './transformation';

const SOURCE_FORMATS: Readonly<Record<string, OutputFormat>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/tiff': 'tiff',
  'image/avif': 'avif',
};

function accepts(accept: string, type: string): boolean {
  return accept
    .split(',')
    .map((part) => part.trim().split(';'))
    .some(([name, ...params]) => name === type && !params.some((param) => param.trim() === 'q=0'));
}

/**
 * The output format: the one asked for, the source's own when none is, and for `auto` the best the client
 * says it reads (`Accept`: AVIF, then WebP), else the source's. `variesByAccept` tells the caller to send
 * `Vary: Accept`, since the same URL then answers differently per client.
 */
export function resolveFormat(
  transformation: Transformation,
  sourceType: string,
  accept: string | undefined,
): { resolved: ResolvedTransformation; variesByAccept: boolean } {
  const source = SOURCE_FORMATS[sourceType] ?? 'jpeg';
  const { format, ...rest } = transformation;
  if (format !== 'auto') return { resolved: { ...rest, format: format ?? source }, variesByAccept: false };
  const header = accept ?? '';
  const chosen = accepts(header, 'image/avif') ? 'avif' : accepts(header, 'image/webp') ? 'webp' : source;
  return { resolved: { ...rest, format: chosen }, variesByAccept: true };
}
