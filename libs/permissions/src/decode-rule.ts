import { isPlainObject } from '@atrium/core';
import type { Filter } from '@atrium/query';
import { PERMISSION_ACTIONS, type PermissionAction, type PermissionRule } from './permission-types';

export interface PermissionRow {
  collection: string;
  action: string;
  fields: string | string[] | null;
  permissions: unknown;
  validation: unknown;
  presets: unknown;
  policy: string | null;
}

/** JSON columns may hold a JSON string (written by older clients) or the object itself. */
function objectOrNull(value: unknown): Record<string, unknown> | null {
  if (typeof value === 'string') {
    try {
      return objectOrNull(JSON.parse(value));
    } catch {
      return null;
    }
  }
  return isPlainObject(value) && Object.keys(value).length > 0 ? value : null;
}

function decodeFields(raw: string | string[] | null): '*' | string[] {
  const list = (Array.isArray(raw) ? raw : (raw ?? '').split(','))
    .map((field) => field.trim())
    .filter((field) => field.length > 0);
  return list.includes('*') ? '*' : list;
}

/**
 * A stored permission row as a rule, or null when its action is unknown (ignored, as Directus does).
 * An empty filter object means "every item", like a null one.
 */
export function decodeRule(row: PermissionRow): PermissionRule | null {
  if (!(PERMISSION_ACTIONS as readonly string[]).includes(row.action)) return null;
  return {
    collection: row.collection,
    action: row.action as PermissionAction,
    fields: decodeFields(row.fields),
    permissions: objectOrNull(row.permissions) as Filter | null,
    validation: objectOrNull(row.validation) as Filter | null,
    presets: objectOrNull(row.presets),
    policy: row.policy,
  };
}
