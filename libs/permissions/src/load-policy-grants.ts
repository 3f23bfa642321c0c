import { roleChainCte } from '@atrium/auth';
import type { ClientBase, Pool } from 'pg';
import { decodeRule, type PermissionRow } from './decode-rule';
import type { PermissionRule, PolicyGrant } from './permission-types';

interface GrantsRow {
  roles: string[] | null;
  grants: Array<Omit<PolicyGrant, 'rules'> & { rules: PermissionRow[] | null }>;
}

/**
 * The policies attached to a user, to the user's role or to any ancestor role — or, for an anonymous
 * request, the public policies (access rows with neither role nor user) — with their permission rows, and
 * the role chain: one statement, one row, even when no policy is attached.
 */
const GRANTS_SQL = `WITH RECURSIVE ${roleChainCte('$2')},
  attached AS (
    SELECT DISTINCT a.policy FROM public.directus_access a
    WHERE CASE WHEN $1::uuid IS NULL AND $2::uuid IS NULL THEN a.role IS NULL AND a."user" IS NULL
               ELSE a."user" = $1::uuid OR a.role IN (SELECT id FROM chain) END
  )
  SELECT (SELECT array_agg(id ORDER BY depth) FROM chain) AS roles,
    (SELECT coalesce(json_agg(json_build_object('id', p.id, 'admin_access', p.admin_access,
       'app_access', p.app_access, 'enforce_tfa', p.enforce_tfa, 'ip_access', p.ip_access,
       'rules', (SELECT json_agg(json_build_object('collection', pm.collection, 'action', pm.action,
          'fields', pm.fields, 'permissions', pm.permissions, 'validation', pm.validation,
          'presets', pm.presets, 'policy', pm.policy) ORDER BY pm.id)
        FROM public.directus_permissions pm WHERE pm.policy = p.id)) ORDER BY p.id), '[]'::json)
     FROM public.directus_policies p JOIN attached ON attached.policy = p.id) AS grants`;

export interface LoadedGrants {
  grants: PolicyGrant[];
  roles: string[];
}

export async function loadPolicyGrants(
  db: Pool | ClientBase,
  subject: { user: string | null; role: string | null },
): Promise<LoadedGrants> {
  const { rows } = await db.query<GrantsRow>(GRANTS_SQL, [subject.user, subject.role]);
  const { roles, grants } = rows[0];
  return {
    roles: roles ?? [],
    grants: grants.map((grant) => ({
      ...grant,
      rules: (grant.rules ?? []).map(decodeRule).filter((rule): rule is PermissionRule => rule !== null),
    })),
  };
}
