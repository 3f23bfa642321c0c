import type { CollectionOverview } from '@atrium/schema';

type Row = Record<string, unknown>;

/**
 * A multipart text field as a payload value. Everything arrives as text: `null` means null (as in
 * Directus) and JSON fields take JSON text (`tags=["a","b"]`); other types are coerced by the payload
 * checks like any JSON body.
 */
export function metadataValue(collection: CollectionOverview, name: string, text: string): unknown {
  if (text.trim() === 'null') return null;
  if (collection.fields[name]?.type !== 'json') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Adds one field to the metadata collected for the next file. */
export function addMetadata(
  collection: CollectionOverview,
  metadata: Row,
  name: string,
  value: unknown,
): void {
  metadata[name] = typeof value === 'string' ? metadataValue(collection, name, value) : value;
}
