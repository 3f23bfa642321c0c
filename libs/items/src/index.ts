export * from './items-context';
export { ItemsReader } from './read/items-reader';
export { ItemsWriter } from './write/items-writer';
export { RevisionReverter } from './revert/revision-reverter';
export { ItemsExporter, type ExportFile } from './export/items-exporter';
export { userCollection, isSingleton } from './read/collection-guard';
export * from './items.module';
