import { Module } from '@nestjs/common';
import { FilesModule } from '@atrium/files';
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
  imports: [FilesModule],
  providers: [SystemReader, SystemItemsService, MeService, SettingsService, FilesService],
  exports: [SystemReader, SystemItemsService, MeService, SettingsService, FilesService],
})
export class SystemDataModule {}
