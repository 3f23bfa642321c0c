import { ipAllowed } from '@atrium/core';
import type { ClientBase, Pool } from 'pg';

export interface PolicyGlobals {
  admin_access: boolean;
  app_access: boolean;
  enforce_tfa: boolean;
  /** The user's role followed by its ancestors (nearest first). */
  roles: string[];
}

interface PolicyFlagsRow {
  roles: string[] | null;
  admin_access: boolean | null;
  app_access: boolean | null;
  enforce_tfa: boolean | null;
  ip_access: string | null;
}

/**
 * The access flags a user gets from every policy attached to them, to their role or to any ancestor role
 * (Directus v11), counting only the policies whose `ip_access` admits `ip`. One statement: the role chain
 * is walked with a recursive CTE; the address ranges are checked here.
 */
export async function resolvePolicyGlobals(
  db: Pool | ClientBase,
  user: { id: string; role: string | null },
  ip: string | null,
): Promise<PolicyGlobals> {
  const { rows } = await db.query<PolicyFlagsRow>(
    `WITH RECURSIVE chain(id, depth) AS (
       SELECT id, 0 FROM directus_roles WHERE id = $2
       UNION ALL
       SELECT r.parent, c.depth + 1 FROM directus_roles r JOIN chain c ON r.id = c.id
       WHERE r.parent IS NOT NULL AND c.depth < 32
     )
     SELECT (SELECT array_agg(id ORDER BY depth) FROM chain) AS roles,
            p.admin_access, p.app_access, p.enforce_tfa, p.ip_access
     FROM (SELECT 1) AS always
     LEFT JOIN directus_access a ON a."user" = $1 OR a.role IN (SELECT id FROM chain)
     LEFT JOIN directus_policies p ON p.id = a.policy`,
    [user.id, user.role],
  );
  const applicable = rows.filter((row) => row.admin_access !== null && ipAllowed(row.ip_access, ip));
  return {
    admin_access: applicable.some((row) => row.admin_access === true),
    app_access: applicable.some((row) => row.app_access === true),
    enforce_tfa: applicable.some((row) => row.enforce_tfa === true),
    roles: rows[0]?.roles ?? [],
  };
}
