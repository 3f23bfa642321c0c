import { Module } from '@nestjs/common';
import { FilesModule } from '@atrium/files';
import { ItemsModule } from '@atrium/items';
import { AssetSettingsCache } from './files/asset-settings-cache';
import { AssetsService } from './files/assets.service';
import { ExportToFile } from './files/export-to-file';
import { FilesService } from './files/files.service';
import { AssetJobsModule } from './files/jobs/asset-jobs.module';
import { MeService } from './services/me.service';
import { SettingsService } from './services/settings.service';

/**
 * The system routes that are more than a collection's item routes — the caller's own rows (`/users/me`,
 * `/roles/me`, `/policies/me/globals`), the settings singleton, uploads — all on the one items engine.
 */
@Module({
  imports: [ItemsModule, FilesModule, AssetJobsModule],
  providers: [MeService, SettingsService, FilesService, AssetsService, AssetSettingsCache, ExportToFile],
  exports: [ItemsModule, MeService, SettingsService, FilesService, AssetsService, ExportToFile],
})
export class SystemDataModule {}
