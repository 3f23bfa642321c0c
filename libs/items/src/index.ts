export type { RawQuery } from './raw-query';
export { ItemsReader } from './read/items-reader';
export { ItemsWriter, type Mutation, type ReadBack } from './write/items-writer';
export { ItemWriteSession, type Key } from './write/item-write-session';
export { RevisionReverter } from './revert/revision-reverter';
export { ItemsExporter, type ExportFile } from './export/items-exporter';
export { SettingsInvalidation } from './system/settings-invalidation';
export { isSingleton, routeCollection, type CollectionScope } from './read/collection-guard';
export * from './items.module';
