import type { ClientBase, Pool } from 'pg';
import { decodeRule, type PermissionRow } from './decode-rule';
import type { PermissionRule, PolicyGrant } from './permission-types';

interface GrantRow {
  id: string;
  admin_access: boolean;
  app_access: boolean;
  enforce_tfa: boolean;
  ip_access: string | null;
  rules: PermissionRow[] | null;
  roles: string[] | null;
}

/**
 * The policies attached to a user, to the user's role or to any ancestor role — or, for an anonymous
 * request, the public policies (access rows with neither role nor user) — with their permission rows, and
 * the role chain, in one statement.
 */
const GRANTS_SQL = `WITH RECURSIVE chain(id, depth) AS (
    SELECT id, 0 FROM public.directus_roles WHERE id = $2
    UNION ALL
    SELECT r.parent, c.depth + 1 FROM public.directus_roles r JOIN chain c ON r.id = c.id
    WHERE r.parent IS NOT NULL AND c.depth < 32
  ),
  attached AS (
    SELECT DISTINCT a.policy FROM public.directus_access a
    WHERE CASE WHEN $1::uuid IS NULL AND $2::uuid IS NULL THEN a.role IS NULL AND a."user" IS NULL
               ELSE a."user" = $1::uuid OR a.role IN (SELECT id FROM chain) END
  )
  SELECT p.id, p.admin_access, p.app_access, p.enforce_tfa, p.ip_access,
    (SELECT json_agg(json_build_object('collection', pm.collection, 'action', pm.action, 'fields', pm.fields,
       'permissions', pm.permissions, 'validation', pm.validation, 'presets', pm.presets, 'policy', pm.policy)
       ORDER BY pm.id)
     FROM public.directus_permissions pm WHERE pm.policy = p.id) AS rules,
    (SELECT array_agg(id ORDER BY depth) FROM chain) AS roles
  FROM public.directus_policies p JOIN attached ON attached.policy = p.id
  ORDER BY p.id`;

const ROLES_SQL = `WITH RECURSIVE chain(id, depth) AS (
    SELECT id, 0 FROM public.directus_roles WHERE id = $1
    UNION ALL
    SELECT r.parent, c.depth + 1 FROM public.directus_roles r JOIN chain c ON r.id = c.id
    WHERE r.parent IS NOT NULL AND c.depth < 32
  ) SELECT array_agg(id ORDER BY depth) AS roles FROM chain`;

export interface LoadedGrants {
  grants: PolicyGrant[];
  roles: string[];
}

export async function loadPolicyGrants(
  db: Pool | ClientBase,
  subject: { user: string | null; role: string | null },
): Promise<LoadedGrants> {
  const { rows } = await db.query<GrantRow>(GRANTS_SQL, [subject.user, subject.role]);
  const grants = rows.map((row) => ({
    id: row.id,
    admin_access: row.admin_access,
    app_access: row.app_access,
    enforce_tfa: row.enforce_tfa,
    ip_access: row.ip_access,
    rules: (row.rules ?? []).map(decodeRule).filter((rule): rule is PermissionRule => rule !== null),
  }));
  let roles = rows[0]?.roles ?? null;
  if (roles === null && subject.role) {
    // No policy attached at all: the role chain is still the caller's $CURRENT_ROLES.
    roles = (await db.query<{ roles: string[] | null }>(ROLES_SQL, [subject.role])).rows[0]?.roles ?? null;
  }
  return { grants, roles: roles ?? [] };
}
