import type { CollectionDefinition } from './collection-definition';

/** The trail of every change and login. Written by the server only: exposed read-only. */
export const ACTIVITY: CollectionDefinition = {
  collection: 'directus_activity',
  table: 'directus_activity',
  primaryKey: 'id',
  primaryKeyType: 'integer',
  affectsAuth: false,
  guardsAdmins: false,
  readOnly: true,
  fields: [
    { name: 'id', type: 'integer' },
    { name: 'action', type: 'string' },
    { name: 'user', type: 'uuid' },
    { name: 'timestamp', type: 'timestamp' },
    { name: 'ip', type: 'string' },
    { name: 'user_agent', type: 'string' },
    { name: 'collection', type: 'string' },
    { name: 'item', type: 'string' },
    { name: 'origin', type: 'string' },
  ],
};
