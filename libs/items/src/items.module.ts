import { Module } from '@nestjs/common';
import { ItemsReader } from './read/items-reader';
import { ItemsWriter } from './write/items-writer';
import { RevisionReverter } from './revert/revision-reverter';
import { ItemsExporter } from './export/items-exporter';
import { ItemsImporter } from './import/items-importer';
import { ItemsSorter } from './utils/items-sorter';
import { ContentVersions } from './versions/content-versions';
import { SettingsInvalidation } from './system/settings-invalidation';

const SERVICES = [
  ItemsReader,
  ItemsWriter,
  RevisionReverter,
  ItemsExporter,
  ItemsImporter,
  ItemsSorter,
  SettingsInvalidation,
  ContentVersions,
];

/** The items engine: reads compiled by `@atrium/query`, writes in one audited transaction per request. */
@Module({ providers: SERVICES, exports: SERVICES })
export class ItemsModule {}
