import { PERMISSION_ACTIONS, type PermissionAction, type PermissionRule } from './permission-types';
import type { RequestPermissions } from './request-permissions';

export type AccessLevel = 'none' | 'partial' | 'full';

export interface ActionSummary {
  access: AccessLevel;
  fields?: string[];
  presets?: Record<string, unknown>;
}

export type CollectionSummary = Record<PermissionAction, ActionSummary>;

/**
 * `GET /permissions/me`: for every collection and action, whether the caller has none, some (an item
 * filter narrows it) or all of it, with the fields and presets that apply (Directus v11's shape).
 */
export function summarisePermissions(permissions: RequestPermissions): Record<string, CollectionSummary> {
  const result: Record<string, CollectionSummary> = {};
  for (const collection of Object.keys(permissions.overview.collections).sort()) {
    const summary = {} as CollectionSummary;
    for (const action of PERMISSION_ACTIONS) {
      summary[action] = permissions.admin
        ? { access: 'full', fields: ['*'], presets: {} }
        : summariseRules(permissions.rules(collection, action));
    }
    result[collection] = summary;
  }
  return result;
}

function summariseRules(rules: readonly PermissionRule[]): ActionSummary {
  if (rules.length === 0) return { access: 'none' };
  const fields = rules.some((rule) => rule.fields === '*')
    ? ['*']
    : [...new Set(rules.flatMap((rule) => rule.fields as readonly string[]))];
  return {
    access: rules.some((rule) => rule.permissions !== null) ? 'partial' : 'full',
    fields,
    presets: Object.assign({}, ...rules.map((rule) => rule.presets ?? {})) as Record<string, unknown>,
  };
}
