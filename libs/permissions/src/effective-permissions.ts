import { ipAllowed } from '@atrium/core';
import { APP_ACCESS_RULES } from './app-access-rules';
import type { EffectivePermissions, PolicyGrant } from './permission-types';

/**
 * The union of the policies that apply to a request: those whose `ip_access` admits the caller's address.
 * Any of them with `admin_access` makes the caller an admin; any with `app_access` adds the minimal system
 * reads the app needs (Directus v11).
 */
export function effectivePermissions(
  grants: readonly PolicyGrant[],
  roles: readonly string[],
  ip: string | null,
): EffectivePermissions {
  const applicable = grants.filter((grant) => ipAllowed(grant.ip_access, ip));
  const app = applicable.some((grant) => grant.app_access);
  return {
    admin: applicable.some((grant) => grant.admin_access),
    app,
    policies: applicable.map((grant) => grant.id),
    roles: [...roles],
    rules: [...applicable.flatMap((grant) => grant.rules), ...(app ? APP_ACCESS_RULES : [])],
  };
}
