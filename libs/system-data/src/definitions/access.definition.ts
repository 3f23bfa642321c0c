import type { CollectionDefinition } from './collection-definition';
import { ACCESS_HOOKS } from '../hooks/access.hooks';

/** Links a policy to a role, to a user, or (neither) to anonymous requests. */
export const ACCESS: CollectionDefinition = {
  collection: 'directus_access',
  table: 'directus_access',
  primaryKey: 'id',
  primaryKeyType: 'uuid',
  affectsAuth: true,
  guardsAdmins: true,
  hooks: ACCESS_HOOKS,
  fields: [
    { name: 'id', type: 'uuid', writable: true },
    { name: 'role', type: 'uuid', writable: true },
    { name: 'user', type: 'uuid', writable: true },
    { name: 'policy', type: 'uuid', writable: true, required: true },
    { name: 'sort', type: 'integer', writable: true },
  ],
};
