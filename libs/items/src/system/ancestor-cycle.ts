import type { ClientBase } from 'pg';
import type { Key } from './collection-hooks';

/**
 * Whether any of these rows of a self-referencing table (`id`, `parent`) is now among its own ancestors.
 * The table name comes from the hook registry, never from a request.
 */
export async function hasAncestorCycle(
  db: ClientBase,
  table: string,
  keys: readonly Key[],
): Promise<boolean> {
  // UNION (not UNION ALL) stops the walk when a cycle revisits a (start, row) pair.
  const { rows } = await db.query(
    `WITH RECURSIVE up(start, id) AS (
       SELECT t.id, t.parent FROM ${table} t WHERE t.id = ANY($1::uuid[]) AND t.parent IS NOT NULL
       UNION
       SELECT up.start, t.parent FROM ${table} t JOIN up ON t.id = up.id WHERE t.parent IS NOT NULL
     )
     SELECT start FROM up WHERE id = start LIMIT 1`,
    [keys],
  );
  return rows.length > 0;
}
