import { Module } from '@nestjs/common';
import { ItemsModule } from '@atrium/items';
import { SystemDataModule } from '@atrium/system-data';
import { CacheController } from './cache.controller';
import { CollectionUtilsController } from './collection-utils.controller';
import { ExtensionsController } from './extensions.controller';
import { HashController } from './hash.controller';
import { RandomController } from './random.controller';

/** `/:project/utils/*` (beside `/utils/revert`, which lives with the items routes) and `/:project/extensions`. */
@Module({
  imports: [ItemsModule, SystemDataModule],
  controllers: [
    RandomController,
    HashController,
    CollectionUtilsController,
    CacheController,
    ExtensionsController,
  ],
})
export class UtilsApiModule {}
