import type { ClientBase, Pool } from 'pg';

export type ActivityAction =
  'create' | 'update' | 'delete' | 'revert' | 'comment' | 'upload' | 'login' | 'login_failed' | 'logout';

export interface ActivityEntry {
  action: ActivityAction;
  user: string | null;
  ip: string | null;
  userAgent: string | null;
  origin: string | null;
  collection: string;
  item: string;
}

/**
 * Writes one `directus_activity` row and returns its id. Pass the transaction's client when the activity
 * belongs to a change, so both commit or neither does.
 */
export async function writeActivity(db: ClientBase | Pool, entry: ActivityEntry): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO directus_activity (action, "user", ip, user_agent, origin, collection, item)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [entry.action, entry.user, entry.ip, entry.userAgent, entry.origin, entry.collection, entry.item],
  );
  return rows[0].id;
}
