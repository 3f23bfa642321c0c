import type { CollectionOverview } from '@atrium/schema';
import { quoteIdent } from '@atrium/tenancy';
import type { ClientBase, Pool } from 'pg';
import { createHash } from 'node:crypto';
import { plausibleKey } from '../write/plausible-key';

/**
 * The main item's fingerprint: SHA-1 of its whole row as PostgreSQL writes it out. Whoever asks gets the same
 * hash (it does not depend on the fields a caller may read), and any change to the row changes it. Null when
 * the item does not exist. `lock` takes the row for the transaction (a promote).
 */
export async function mainItemHash(
  db: ClientBase | Pool,
  collection: CollectionOverview,
  key: string,
  lock = false,
): Promise<string | null> {
  // Compared with the key column itself (its index), never as text: a key that cannot be one matches nothing.
  if (!plausibleKey(collection, key)) return null;
  const table = quoteIdent(collection.schema?.name as string);
  const pk = quoteIdent(collection.primary as string);
  const { rows } = await db.query<{ row: string }>(
    `SELECT row_to_json(t)::text AS row FROM ${table} AS t WHERE ${pk} = $1${lock ? ' FOR UPDATE' : ''}`,
    [key],
  );
  return rows[0] ? createHash('sha1').update(rows[0].row).digest('hex') : null;
}
