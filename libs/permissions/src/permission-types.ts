import type { Filter } from '@atrium/query';

export const PERMISSION_ACTIONS = ['create', 'read', 'update', 'delete', 'share'] as const;
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

/** One `directus_permissions` row, decoded. */
export interface PermissionRule {
  collection: string;
  action: PermissionAction;
  /** `'*'` or the listed fields (a list holding `*` is normalised to `'*'`). */
  fields: '*' | readonly string[];
  /** The item filter; null = every item. */
  permissions: Filter | null;
  /** A filter the payload of a create/update must match; null = anything. */
  validation: Filter | null;
  /** Default values merged under a create's payload. */
  presets: Readonly<Record<string, unknown>> | null;
  /** The policy the rule came from (null for the built-in app-access rules). */
  policy: string | null;
}

/** A policy that applies to the caller, with its rules, before `ip_access` is checked. */
export interface PolicyGrant {
  id: string;
  admin_access: boolean;
  app_access: boolean;
  enforce_tfa: boolean;
  ip_access: string | null;
  rules: PermissionRule[];
}

/** Who is asking, as far as permissions go. */
export interface PermissionSubject {
  user: string | null;
  role: string | null;
  ip: string | null;
}

/** What the caller may do in one project, for one request. */
export interface EffectivePermissions {
  admin: boolean;
  app: boolean;
  /** The ids of the policies in force (after `ip_access`). */
  policies: string[];
  /** The user's role followed by its ancestors. */
  roles: string[];
  rules: PermissionRule[];
}
