import type { CollectionDefinition } from './collection-definition';

export const PERMISSION_ACTIONS = ['create', 'read', 'update', 'delete', 'share'] as const;

/** Item filters, validation filters and presets are JSON objects (or null), never lists or scalars. */
function objectProblem(value: unknown): string | undefined {
  return value !== null && (typeof value !== 'object' || Array.isArray(value))
    ? 'Value has to be an object.'
    : undefined;
}

export const PERMISSIONS: CollectionDefinition = {
  collection: 'directus_permissions',
  table: 'directus_permissions',
  primaryKey: 'id',
  // A serial key: the database numbers permissions, clients never choose them.
  primaryKeyType: 'integer',
  affectsAuth: true,
  guardsAdmins: false,
  fields: [
    { name: 'id', type: 'integer' },
    { name: 'policy', type: 'uuid', writable: true, required: true },
    { name: 'collection', type: 'string', writable: true, required: true },
    { name: 'action', type: 'string', writable: true, required: true, allowed: PERMISSION_ACTIONS },
    { name: 'permissions', type: 'json', writable: true, check: objectProblem },
    { name: 'validation', type: 'json', writable: true, check: objectProblem },
    { name: 'presets', type: 'json', writable: true, check: objectProblem },
    { name: 'fields', type: 'csv', writable: true },
  ],
};
