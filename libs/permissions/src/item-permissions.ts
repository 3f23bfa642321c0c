import { forbidden } from '@atrium/core';
import type { QueryLimits } from '@atrium/query';
import type { Pool } from 'pg';
import { reachableKeys } from './reachable-keys';
import type { PermissionAction } from './permission-types';
import type { RequestPermissions } from './request-permissions';

export type ItemPermissions = Record<'update' | 'delete' | 'share', { access: boolean }>;

const ITEM_ACTIONS = ['update', 'delete', 'share'] as const;

/**
 * `GET /permissions/me/:collection/:id?`: whether the caller may update, delete or share that item — its
 * rules exist AND one of their item filters reaches it. Without an id (singletons) the rules alone decide,
 * and `update` on a singleton that doesn't exist yet means `create`.
 */
export async function itemPermissions(
  db: Pool,
  permissions: RequestPermissions,
  collectionName: string,
  key: string | undefined,
  limits: QueryLimits,
): Promise<ItemPermissions> {
  const collection = permissions.overview.collections[collectionName];
  if (!collection?.primary || !collection.schema) throw forbidden();
  const result = {} as ItemPermissions;
  for (const action of ITEM_ACTIONS) {
    result[action] = { access: await reaches(db, permissions, collectionName, action, key, limits) };
  }
  if (key === undefined && collection.meta?.singleton && !result.update.access) {
    result.update = { access: permissions.allows(collectionName, 'create') };
  }
  return result;
}

async function reaches(
  db: Pool,
  permissions: RequestPermissions,
  collectionName: string,
  action: PermissionAction,
  key: string | undefined,
  limits: QueryLimits,
): Promise<boolean> {
  if (permissions.admin) return true;
  const rules = permissions.rules(collectionName, action);
  if (rules.length === 0) return false;
  if (key === undefined) return true;
  try {
    const found = await reachableKeys(db, permissions.overview, collectionName, rules, [key], {
      context: permissions.queryContext(),
      limits,
    });
    return found.has(key);
  } catch (error) {
    // A key that isn't even of the key's type reaches nothing.
    if (error instanceof Error && error.name === 'AtriumException') return false;
    throw error;
  }
}
