import {
  ACCESS,
  ACTIVITY,
  COMMENTS,
  FOLDERS,
  PERMISSIONS,
  POLICIES,
  PRESETS,
  REVISIONS,
  ROLES,
  USERS,
} from '@atrium/system-data';
import { systemCollectionController } from './system-collection.controller';

export const UsersController = systemCollectionController('users', USERS, 'Users');
export const RolesController = systemCollectionController('roles', ROLES, 'Roles');
export const PoliciesController = systemCollectionController('policies', POLICIES, 'Policies');
export const AccessController = systemCollectionController('access', ACCESS, 'Access');
export const PermissionsController = systemCollectionController('permissions', PERMISSIONS, 'Permissions');
export const ActivityController = systemCollectionController('activity', ACTIVITY, 'Activity');
export const RevisionsController = systemCollectionController('revisions', REVISIONS, 'Revisions');
export const CommentsController = systemCollectionController('comments', COMMENTS, 'Comments');
export const FoldersController = systemCollectionController('folders', FOLDERS, 'Folders');
export const PresetsController = systemCollectionController('presets', PRESETS, 'Presets');
