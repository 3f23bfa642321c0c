import { Module } from '@nestjs/common';
import { ItemsReader } from './read/items-reader';
import { ItemsWriter } from './write/items-writer';

/** The items engine: reads compiled by `@atrium/query`, writes in one audited transaction per request. */
@Module({
  providers: [ItemsReader, ItemsWriter],
  exports: [ItemsReader, ItemsWriter],
})
export class ItemsModule {}
