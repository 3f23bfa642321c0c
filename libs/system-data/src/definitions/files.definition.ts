import type { CollectionDefinition } from './collection-definition';
import { FILES_HOOKS } from '../hooks/files.hooks';

/**
 * Uploaded files: the row describes bytes a storage driver holds under `filename_disk`. Rows are created by
 * uploads only (`FilesService`): the key, the storage, the disk name, the size and the upload time are the
 * server's; `filename_download` and `type` come from the file part and pass the caller's create permission
 * like the metadata fields sent before it. Clients may edit the metadata afterwards.
 */
export const FILES: CollectionDefinition = {
  collection: 'directus_files',
  table: 'directus_files',
  primaryKey: 'id',
  primaryKeyType: 'uuid',
  affectsAuth: false,
  guardsAdmins: false,
  hooks: FILES_HOOKS,
  fields: [
    { name: 'id', type: 'uuid' },
    { name: 'storage', type: 'string' },
    { name: 'filename_disk', type: 'string' },
    { name: 'filename_download', type: 'string', writable: true, notNull: true },
    { name: 'title', type: 'string', writable: true },
    { name: 'type', type: 'string', writable: true },
    { name: 'folder', type: 'uuid', writable: true },
    { name: 'uploaded_by', type: 'uuid' },
    { name: 'created_on', type: 'timestamp' },
    { name: 'modified_by', type: 'uuid' },
    { name: 'modified_on', type: 'timestamp' },
    { name: 'charset', type: 'string' },
    { name: 'filesize', type: 'integer' },
    { name: 'width', type: 'integer', writable: true },
    { name: 'height', type: 'integer', writable: true },
    { name: 'duration', type: 'integer', writable: true },
    { name: 'embed', type: 'string', writable: true },
    { name: 'description', type: 'string', writable: true },
    { name: 'location', type: 'string', writable: true },
    { name: 'tags', type: 'json', writable: true },
    { name: 'metadata', type: 'json', writable: true },
    { name: 'focal_point_x', type: 'integer', writable: true },
    { name: 'focal_point_y', type: 'integer', writable: true },
    { name: 'tus_id', type: 'string' },
    { name: 'tus_data', type: 'json' },
    { name: 'uploaded_on', type: 'timestamp' },
  ],
};
