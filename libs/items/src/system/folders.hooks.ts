import { invalidPayload } from '@atrium/core';
import { hasAncestorCycle } from './ancestor-cycle';
import type { CollectionHooks } from './collection-hooks';

/**
 * Folders nest through `parent`, whose foreign key (as in Directus) has no ON DELETE: like Directus, deleting
 * a folder moves its subfolders to the root first (its files follow through their own ON DELETE SET NULL).
 * A folder may not end up among its own ancestors, or the app's folder tree would loop.
 */
export const FOLDERS_HOOKS: CollectionHooks = {
  async beforeDelete(keys, { db }): Promise<void> {
    await db.query('UPDATE directus_folders SET parent = NULL WHERE parent = ANY($1::uuid[])', [keys]);
  },

  async verify(keys, { db }): Promise<void> {
    if (await hasAncestorCycle(db, 'directus_folders', keys)) {
      throw invalidPayload('A folder cannot be its own parent or ancestor.');
    }
  },
};
