import type { CollectionDefinition } from './collection-definition';
import { ROLES_HOOKS } from '../hooks/roles.hooks';

export const ROLES: CollectionDefinition = {
  collection: 'directus_roles',
  table: 'directus_roles',
  primaryKey: 'id',
  primaryKeyType: 'uuid',
  affectsAuth: true,
  // A role's parent decides which policies its users inherit; deleting it drops its access rows.
  guardsAdmins: true,
  hooks: ROLES_HOOKS,
  fields: [
    { name: 'id', type: 'uuid', writable: true },
    { name: 'name', type: 'string', writable: true, required: true },
    { name: 'icon', type: 'string', writable: true, notNull: true },
    { name: 'description', type: 'string', writable: true },
    { name: 'parent', type: 'uuid', writable: true },
  ],
};
