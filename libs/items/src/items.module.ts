import { Module } from '@nestjs/common';
import { ItemsReader } from './read/items-reader';
import { ItemsWriter } from './write/items-writer';
import { RevisionReverter } from './revert/revision-reverter';
import { ItemsExporter } from './export/items-exporter';

/** The items engine: reads compiled by `@atrium/query`, writes in one audited transaction per request. */
@Module({
  providers: [ItemsReader, ItemsWriter, RevisionReverter, ItemsExporter],
  exports: [ItemsReader, ItemsWriter, RevisionReverter, ItemsExporter],
})
export class ItemsModule {}
