import { Module } from '@nestjs/common';
import { FileStorage } from './files/file-storage';
import { FilesService } from './files/files.service';
import { MeService } from './services/me.service';
import { SettingsService } from './services/settings.service';
import { SystemItemsService } from './services/system-items.service';
import { SystemReader } from './read/system-reader';

/**
 * Users, roles, policies, access, permissions, settings, activity, revisions and comments. Needs the global
 * `APP_CONFIG` (CoreModule), `AuthInvalidation` (AuthModule) and `SchemaCache` (SchemaModule).
 */
@Module({
  providers: [SystemReader, SystemItemsService, MeService, SettingsService, FileStorage, FilesService],
  exports: [SystemReader, SystemItemsService, MeService, SettingsService, FileStorage, FilesService],
})
export class SystemDataModule {}
