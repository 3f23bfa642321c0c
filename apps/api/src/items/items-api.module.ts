import { Module } from '@nestjs/common';
import { ItemsModule } from '@atrium/items';
import { ItemsController } from './items.controller';
import { UtilsController } from './utils.controller';

/** Routes for `/:project/items/:collection[/:id]` and the items utils (`/:project/utils/revert/:revision`). */
@Module({
  imports: [ItemsModule],
  controllers: [ItemsController, UtilsController],
})
export class ItemsApiModule {}
