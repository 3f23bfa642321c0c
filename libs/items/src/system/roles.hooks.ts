import { invalidPayload } from '@atrium/core';
import { hasAncestorCycle } from './ancestor-cycle';
import type { CollectionHooks } from './collection-hooks';

/** Roles nest through `parent`; a role may not end up among its own ancestors. */
export const ROLES_HOOKS: CollectionHooks = {
  async verify(keys, { db }): Promise<void> {
    if (await hasAncestorCycle(db, 'directus_roles', keys)) {
      throw invalidPayload('A role cannot be its own parent or ancestor.');
    }
  },
};
