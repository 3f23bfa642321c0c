import { Module } from '@nestjs/common';
import { ItemsReader } from './read/items-reader';
import { ItemsWriter } from './write/items-writer';
import { RevisionReverter } from './revert/revision-reverter';
import { ItemsExporter } from './export/items-exporter';
import { SettingsInvalidation } from './system/settings-invalidation';

/** The items engine: reads compiled by `@atrium/query`, writes in one audited transaction per request. */
@Module({
  providers: [ItemsReader, ItemsWriter, RevisionReverter, ItemsExporter, SettingsInvalidation],
  exports: [ItemsReader, ItemsWriter, RevisionReverter, ItemsExporter, SettingsInvalidation],
})
export class ItemsModule {}
