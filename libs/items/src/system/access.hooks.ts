import { invalidPayload } from '@atrium/core';
import type { CollectionHooks } from './collection-hooks';

/** An access row attaches its policy to a role, or to a user, or (neither) to anonymous requests. */
export const ACCESS_HOOKS: CollectionHooks = {
  async verify(keys, { db }): Promise<void> {
    const { rows } = await db.query(
      `SELECT 1 FROM directus_access WHERE id = ANY($1::uuid[]) AND role IS NOT NULL AND "user" IS NOT NULL LIMIT 1`,
      [keys],
    );
    if (rows.length > 0)
      throw invalidPayload('An access row links a policy to a role or to a user, not both.');
  },
};
