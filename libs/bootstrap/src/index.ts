export * from './local-secrets';
export * from './prepare-database';
export * from './prepare-environment';
