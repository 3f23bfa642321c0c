export interface RevisionEntry {
  /** The `directus_activity` row this revision belongs to. */
  activity: number;
  collection: string;
  item: string;
  /** The item as it reads after the change (concealed fields already removed by the caller). */
  data: unknown;
  /** The fields the change wrote (concealed fields already removed by the caller). */
  delta: unknown;
  parent?: number | null;
}

/** A revision's values after its activity id: collection, item, data, delta, parent. */
export function revisionValues(entry: Omit<RevisionEntry, 'activity'>): unknown[] {
  return [
    entry.collection,
    entry.item,
    // json columns: node-postgres would send a JS array as a PostgreSQL array literal, so stringify.
    entry.data === undefined ? null : JSON.stringify(entry.data),
    entry.delta === undefined ? null : JSON.stringify(entry.delta),
    entry.parent ?? null,
  ];
}
