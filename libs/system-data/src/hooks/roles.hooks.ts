import { invalidPayload } from '@atrium/core';
import type { CollectionHooks } from '../definitions/collection-definition';

/** Roles nest through `parent`; a role may not end up among its own ancestors. */
export const ROLES_HOOKS: CollectionHooks = {
  async verify(keys, { client }): Promise<void> {
    if (keys.length === 0) return;
    // UNION (not UNION ALL) stops the walk when a cycle revisits a (start, role) pair.
    const { rows } = await client.query(
      `WITH RECURSIVE up(start, id) AS (
         SELECT r.id, r.parent FROM directus_roles r WHERE r.id = ANY($1) AND r.parent IS NOT NULL
         UNION
         SELECT up.start, r.parent FROM directus_roles r JOIN up ON r.id = up.id WHERE r.parent IS NOT NULL
       )
       SELECT start FROM up WHERE id = start LIMIT 1`,
      [keys],
    );
    if (rows.length > 0) throw invalidPayload('A role cannot be its own parent or ancestor.');
  },
};
