export * from './files/storage-driver';
export { LocalStorageDriver } from './files/local-storage-driver';
export { FileStorage, LOCAL_STORAGE } from './files/file-storage';
export { FilesService } from './files/files.service';
export { uploadError, type UploadPart, type UploadField, type UploadFile } from './files/upload-part';
export * from './services/me.service';
export * from './services/settings.service';
export { SELF_EDITABLE_USER_FIELDS } from './services/self-editable-fields';
export * from './system-data.module';
