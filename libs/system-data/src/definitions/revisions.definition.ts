import type { CollectionDefinition } from './collection-definition';

/** Snapshots and deltas of changed items (secrets never stored). Written by the server only: read-only. */
export const REVISIONS: CollectionDefinition = {
  collection: 'directus_revisions',
  table: 'directus_revisions',
  primaryKey: 'id',
  primaryKeyType: 'integer',
  affectsAuth: false,
  guardsAdmins: false,
  readOnly: true,
  fields: [
    { name: 'id', type: 'integer' },
    { name: 'activity', type: 'integer' },
    { name: 'collection', type: 'string' },
    { name: 'item', type: 'string' },
    { name: 'data', type: 'json' },
    { name: 'delta', type: 'json' },
    { name: 'parent', type: 'integer' },
    { name: 'version', type: 'uuid' },
  ],
};
