import { systemCollectionController } from './system-collection.controller';

export const UsersController = systemCollectionController('users', 'directus_users', 'Users');
export const RolesController = systemCollectionController('roles', 'directus_roles', 'Roles');
export const PoliciesController = systemCollectionController('policies', 'directus_policies', 'Policies');
export const AccessController = systemCollectionController('access', 'directus_access', 'Access');
export const PermissionsController = systemCollectionController(
  'permissions',
  'directus_permissions',
  'Permissions',
);
export const ActivityController = systemCollectionController(
  'activity',
  'directus_activity',
  'Activity',
  'read-only',
);
export const RevisionsController = systemCollectionController(
  'revisions',
  'directus_revisions',
  'Revisions',
  'read-only',
);
export const CommentsController = systemCollectionController('comments', 'directus_comments', 'Comments');
export const FoldersController = systemCollectionController('folders', 'directus_folders', 'Folders');
export const PresetsController = systemCollectionController('presets', 'directus_presets', 'Presets');
