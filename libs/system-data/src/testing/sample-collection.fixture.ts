import type { CollectionDefinition } from '../definitions/collection-definition';

/** A collection with one field of every type, for the pure specs of the payload code. */
export const SAMPLE: CollectionDefinition = {
  collection: 'sample',
  table: 'sample_table',
  primaryKey: 'id',
  primaryKeyType: 'uuid',
  affectsAuth: false,
  guardsAdmins: false,
  fields: [
    { name: 'id', type: 'uuid', writable: true },
    { name: 'name', type: 'string', writable: true, required: true },
    { name: 'status', type: 'string', writable: true, notNull: true, allowed: ['on', 'off'] },
    { name: 'count', type: 'integer', writable: true },
    { name: 'enabled', type: 'boolean', writable: true },
    { name: 'seen_at', type: 'timestamp' },
    { name: 'options', type: 'json', writable: true },
    { name: 'tags', type: 'csv', writable: true },
    { name: 'owner', type: 'uuid', writable: true },
    { name: 'secret', type: 'string', writable: true, concealed: true },
  ],
};

export const SAMPLE_UUID = '6f1c1f9e-3f1a-4d8e-9a55-0b7c2b1d4e21';
