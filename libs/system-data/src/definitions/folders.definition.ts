import type { CollectionDefinition } from './collection-definition';
import { FOLDERS_HOOKS } from '../hooks/folders.hooks';

/** Virtual directories for files, nested through `parent`. */
export const FOLDERS: CollectionDefinition = {
  collection: 'directus_folders',
  table: 'directus_folders',
  primaryKey: 'id',
  primaryKeyType: 'uuid',
  affectsAuth: false,
  guardsAdmins: false,
  hooks: FOLDERS_HOOKS,
  fields: [
    { name: 'id', type: 'uuid', writable: true },
    { name: 'name', type: 'string', writable: true, required: true, notNull: true },
    { name: 'parent', type: 'uuid', writable: true },
  ],
};
