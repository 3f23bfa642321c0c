import { Module } from '@nestjs/common';
import { ItemsModule } from '@atrium/items';
import { ItemsController } from './items.controller';

/** Routes for `/:project/items/:collection[/:id]` (controller in this folder). */
@Module({
  imports: [ItemsModule],
  controllers: [ItemsController],
})
export class ItemsApiModule {}
