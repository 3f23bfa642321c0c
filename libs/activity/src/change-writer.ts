import type { ClientBase } from 'pg';
import type { ActivityEntry } from './activity-writer';
import { revisionValues, type RevisionEntry } from './revision-writer';

/**
 * Writes a change's `directus_activity` row and its `directus_revisions` row in one statement (one round
 * trip per changed item instead of two) and returns both ids. Pass the client of the transaction that made
 * the change: the two rows commit with it or not at all.
 */
export async function writeChange(
  db: ClientBase,
  activity: ActivityEntry,
  revision: Omit<RevisionEntry, 'activity'>,
): Promise<{ activity: number; revision: number }> {
  const { rows } = await db.query<{ activity: number; revision: number }>(
    `WITH a AS (
       INSERT INTO directus_activity (action, "user", ip, user_agent, origin, collection, item)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
     )
     INSERT INTO directus_revisions (activity, collection, item, data, delta, parent)
     SELECT a.id, $8, $9, $10, $11, $12 FROM a
     RETURNING activity, id AS revision`,
    [
      activity.action,
      activity.user,
      activity.ip,
      activity.userAgent,
      activity.origin,
      activity.collection,
      activity.item,
      ...revisionValues(revision),
    ],
  );
  return rows[0];
}
