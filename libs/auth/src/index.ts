export * from './accountability';
export * from './require-access';
export * from './current-accountability.decorator';
export * from './token-hash';
export * from './project-secrets';
export * from './policy-globals';
export * from './auth-invalidation';
export * from './auth.module';
