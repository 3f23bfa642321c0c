import { Module } from '@nestjs/common';
import { FilesModule } from '@atrium/files';
import { ItemsModule } from '@atrium/items';
import { MediaModule } from '@atrium/media';
import { AssetsService } from './files/assets.service';
import { FilesService } from './files/files.service';
import { MeService } from './services/me.service';
import { SettingsService } from './services/settings.service';

/**
 * The system routes that are more than a collection's item routes — the caller's own rows (`/users/me`,
 * `/roles/me`, `/policies/me/globals`), the settings singleton, uploads — all on the one items engine.
 */
@Module({
  imports: [ItemsModule, FilesModule, MediaModule],
  providers: [MeService, SettingsService, FilesService, AssetsService],
  exports: [ItemsModule, MeService, SettingsService, FilesService, AssetsService],
})
export class SystemDataModule {}
