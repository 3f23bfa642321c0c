import type { CollectionDefinition } from './collection-definition';

/**
 * Saved layouts and bookmarks of the app: a row with a `bookmark` title is a bookmark, one without is the
 * preset of a collection. `user`/`role` scope it (both null: everyone); the JSON columns are the app's own
 * and take any JSON, as in Directus.
 */
export const PRESETS: CollectionDefinition = {
  collection: 'directus_presets',
  table: 'directus_presets',
  primaryKey: 'id',
  // A serial key: the database numbers presets.
  primaryKeyType: 'integer',
  affectsAuth: false,
  guardsAdmins: false,
  fields: [
    { name: 'id', type: 'integer' },
    { name: 'bookmark', type: 'string', writable: true },
    { name: 'user', type: 'uuid', writable: true },
    { name: 'role', type: 'uuid', writable: true },
    { name: 'collection', type: 'string', writable: true },
    { name: 'search', type: 'string', writable: true },
    { name: 'layout', type: 'string', writable: true },
    { name: 'layout_query', type: 'json', writable: true },
    { name: 'layout_options', type: 'json', writable: true },
    { name: 'refresh_interval', type: 'integer', writable: true },
    { name: 'filter', type: 'json', writable: true },
    { name: 'icon', type: 'string', writable: true },
    { name: 'color', type: 'string', writable: true },
  ],
};
