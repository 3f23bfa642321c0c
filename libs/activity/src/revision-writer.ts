import type { ClientBase, Pool } from 'pg';

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

/**
 * Writes one `directus_revisions` row and returns its id. Always pass the client of the transaction that
 * made the change and wrote its activity: a revision without its change (or the reverse) must not exist.
 */
export async function writeRevision(db: ClientBase | Pool, entry: RevisionEntry): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO directus_revisions (activity, collection, item, data, delta, parent)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      entry.activity,
      entry.collection,
      entry.item,
      // json columns: node-postgres would send a JS array as a PostgreSQL array literal, so stringify.
      entry.data === undefined ? null : JSON.stringify(entry.data),
      entry.delta === undefined ? null : JSON.stringify(entry.delta),
      entry.parent ?? null,
    ],
  );
  return rows[0].id;
}
