import { invalidPayload } from '@atrium/core';
import type { CollectionHooks } from '../definitions/collection-definition';

/**
 * Folders nest through `parent`, whose foreign key (as in Directus) has no ON DELETE: like Directus, deleting
 * a folder moves its subfolders to the root first (its files follow through their own ON DELETE SET NULL).
 * A folder may not end up among its own ancestors, or the app's folder tree would loop.
 */
export const FOLDERS_HOOKS: CollectionHooks = {
  async beforeDelete(keys, { client }): Promise<void> {
    await client.query('UPDATE directus_folders SET parent = NULL WHERE parent = ANY($1::uuid[])', [keys]);
  },

  async verify(keys, { client }): Promise<void> {
    if (keys.length === 0) return;
    // UNION (not UNION ALL) stops the walk when a cycle revisits a (start, folder) pair.
    const { rows } = await client.query(
      `WITH RECURSIVE up(start, id) AS (
         SELECT f.id, f.parent FROM directus_folders f WHERE f.id = ANY($1::uuid[]) AND f.parent IS NOT NULL
         UNION
         SELECT up.start, f.parent FROM directus_folders f JOIN up ON f.id = up.id WHERE f.parent IS NOT NULL
       )
       SELECT start FROM up WHERE id = start LIMIT 1`,
      [keys],
    );
    if (rows.length > 0) throw invalidPayload('A folder cannot be its own parent or ancestor.');
  },
};
