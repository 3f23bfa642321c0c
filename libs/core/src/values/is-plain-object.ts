/** A JSON object (not null, not an array): what request bodies, filters and payload items must be. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
