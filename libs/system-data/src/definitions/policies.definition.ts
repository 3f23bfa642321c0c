import type { CollectionDefinition } from './collection-definition';

export const POLICIES: CollectionDefinition = {
  collection: 'directus_policies',
  table: 'directus_policies',
  primaryKey: 'id',
  primaryKeyType: 'uuid',
  affectsAuth: true,
  guardsAdmins: true,
  fields: [
    { name: 'id', type: 'uuid', writable: true },
    { name: 'name', type: 'string', writable: true, required: true },
    { name: 'icon', type: 'string', writable: true, notNull: true },
    { name: 'description', type: 'string', writable: true },
    // IPs or CIDR ranges the policy applies from (a CSV column, an array on the wire).
    { name: 'ip_access', type: 'csv', writable: true },
    { name: 'enforce_tfa', type: 'boolean', writable: true, notNull: true },
    { name: 'admin_access', type: 'boolean', writable: true, notNull: true },
    { name: 'app_access', type: 'boolean', writable: true, notNull: true },
  ],
};
