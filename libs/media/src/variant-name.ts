import { createHash } from 'node:crypto';
import { EXTENSIONS, type ResolvedTransformation } from './transformation';

/** JSON with object keys sorted, so equal transformations give equal text whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Where a variant of a stored file is kept: beside it, named by a hash of the normalised transformation. */
export function variantName(diskName: string, transformation: ResolvedTransformation): string {
  const base = diskName.replace(/\.[^.]*$/, '');
  const hash = createHash('sha256').update(canonical(transformation)).digest('hex').slice(0, 20);
  return `${variantPrefix(base)}${hash}.${EXTENSIONS[transformation.format]}`;
}

/** The start every variant name of a stored file shares (to remove them with the file). */
export function variantPrefix(diskName: string): string {
  return `${diskName.replace(/\.[^.]*$/, '')}__`;
}
