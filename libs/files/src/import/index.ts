export * from './address-policy';
export * from './import-error';
export { downloadName, importUrl } from './import-url';
export * from './pinned-download';
export * from './own-addresses';
