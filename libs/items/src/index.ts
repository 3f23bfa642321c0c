export * from './items-context';
export { ItemsReader, keysFilter } from './read/items-reader';
export { ItemsWriter } from './write/items-writer';
export { userCollection, isSingleton } from './read/collection-guard';
export * from './items.module';
