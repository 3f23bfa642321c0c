import { Module } from '@nestjs/common';
import { SystemDataModule } from '@atrium/system-data';
import { FilesController } from './files.controller';
import { MeController } from './me.controller';
import {
  AccessController,
  ActivityController,
  CommentsController,
  FoldersController,
  PermissionsController,
  RevisionsController,
  PoliciesController,
  PresetsController,
  RolesController,
  UsersController,
} from './system-collection-controllers';
import { SettingsController } from './settings.controller';
import { VersionsController } from './versions.controller';

/**
 * Routes for users, roles, policies, access, permissions, settings, activity, revisions, comments, folders,
 * presets, files and content versions (controllers in this folder).
 */
@Module({
  imports: [SystemDataModule],
  // Fastify's router prefers static segments, so `users/me` and `roles/me` never reach the `:id` routes.
  controllers: [
    MeController,
    UsersController,
    RolesController,
    PoliciesController,
    AccessController,
    PermissionsController,
    SettingsController,
    ActivityController,
    RevisionsController,
    CommentsController,
    FoldersController,
    PresetsController,
    FilesController,
    VersionsController,
  ],
})
export class SystemDataApiModule {}
