export { FilesService } from './files/files.service';
export { AssetsService, type Asset } from './files/assets.service';
export { uploadError, type UploadPart, type UploadField, type UploadFile } from './files/upload-part';
export * from './services/me.service';
export * from './services/settings.service';
export { SELF_EDITABLE_USER_FIELDS } from './services/self-editable-fields';
export * from './system-data.module';
