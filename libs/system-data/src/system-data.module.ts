import { Module } from '@nestjs/common';
import { MeService } from './services/me.service';
import { SettingsService } from './services/settings.service';
import { SystemItemsService } from './services/system-items.service';

/**
 * Users, roles, policies, access, permissions and settings. Needs the global `APP_CONFIG` (CoreModule) and
 * `AuthInvalidation` (AuthModule).
 */
@Module({
  providers: [SystemItemsService, MeService, SettingsService],
  exports: [SystemItemsService, MeService, SettingsService],
})
export class SystemDataModule {}
