import type { ClientBase, Pool } from 'pg';

export interface PolicyGlobals {
  admin_access: boolean;
  app_access: boolean;
  enforce_tfa: boolean;
  /** The user's role followed by its ancestors (nearest first). */
  roles: string[];
}

/**
 * The access flags a user gets from every policy attached to them, to their role or to any ancestor role
 * (Directus v11). One statement: the role chain is walked with a recursive CTE.
 */
export async function resolvePolicyGlobals(
  db: Pool | ClientBase,
  user: { id: string; role: string | null },
): Promise<PolicyGlobals> {
  const { rows } = await db.query<{
    roles: string[] | null;
    admin: boolean | null;
    app: boolean | null;
    tfa: boolean | null;
  }>(
    `WITH RECURSIVE chain(id, depth) AS (
       SELECT id, 0 FROM directus_roles WHERE id = $2
       UNION ALL
       SELECT r.parent, c.depth + 1 FROM directus_roles r JOIN chain c ON r.id = c.id
       WHERE r.parent IS NOT NULL AND c.depth < 32
     )
     SELECT (SELECT array_agg(id ORDER BY depth) FROM chain) AS roles,
            bool_or(p.admin_access) AS admin, bool_or(p.app_access) AS app, bool_or(p.enforce_tfa) AS tfa
     FROM directus_access a JOIN directus_policies p ON p.id = a.policy
     WHERE a."user" = $1 OR a.role IN (SELECT id FROM chain)`,
    [user.id, user.role],
  );
  const row = rows[0];
  return {
    admin_access: row?.admin === true,
    app_access: row?.app === true,
    enforce_tfa: row?.tfa === true,
    roles: row?.roles ?? [],
  };
}
