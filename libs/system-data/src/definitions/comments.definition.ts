import type { CollectionDefinition } from './collection-definition';
import { COMMENTS_HOOKS } from '../hooks/comments.hooks';

/** Comments on items (Directus 11.1+ keeps them in their own table). Authors and dates are the server's. */
export const COMMENTS: CollectionDefinition = {
  collection: 'directus_comments',
  table: 'directus_comments',
  primaryKey: 'id',
  primaryKeyType: 'uuid',
  affectsAuth: false,
  guardsAdmins: false,
  hooks: COMMENTS_HOOKS,
  fields: [
    { name: 'id', type: 'uuid', writable: true },
    { name: 'collection', type: 'string', writable: true, required: true, notNull: true },
    { name: 'item', type: 'string', writable: true, required: true, notNull: true },
    { name: 'comment', type: 'string', writable: true, required: true, notNull: true },
    { name: 'date_created', type: 'timestamp' },
    { name: 'date_updated', type: 'timestamp' },
    { name: 'user_created', type: 'uuid' },
    { name: 'user_updated', type: 'uuid' },
  ],
};
