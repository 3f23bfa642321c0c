export * from './password-reset.service';
export * from './user-invite.service';
export * from './recovery.module';
export { isUrlAllowed } from './url-allow-list';
export { assertPasswordPolicy, parsePasswordPolicy } from './password-policy';
export type { AccountTokenScope } from './account-token';
