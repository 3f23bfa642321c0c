import { invalidPayload } from '@atrium/core';
import type { CollectionHooks } from '../definitions/collection-definition';

/** An access row attaches its policy to a role, or to a user, or (neither) to anonymous requests. */
export const ACCESS_HOOKS: CollectionHooks = {
  async verify(keys, { client }): Promise<void> {
    if (keys.length === 0) return;
    const { rows } = await client.query(
      `SELECT 1 FROM directus_access WHERE id = ANY($1) AND role IS NOT NULL AND "user" IS NOT NULL LIMIT 1`,
      [keys],
    );
    if (rows.length > 0)
      throw invalidPayload('An access row links a policy to a role or to a user, not both.');
  },
};
