export * from './storage-driver';
export { LocalStorageDriver } from './local-storage-driver';
export * from './disk-name';
export * from './file-title';
export * from './project-storage-root';
export { FileStorage, LOCAL_STORAGE } from './file-storage';
export * from './files.module';
export * from './import';
