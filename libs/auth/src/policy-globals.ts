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
 * `chain(id, depth)`: the role bound to `roleParam` followed by its ancestors (nearest first), for a
 * `WITH RECURSIVE` clause. The depth cap stops a cycle someone wrote into `parent` by hand.
 */
export function roleChainCte(roleParam: string): string {
  return `chain(id, depth) AS (
    SELECT id, 0 FROM public.directus_roles WHERE id = ${roleParam}
    UNION ALL
    SELECT r.parent, c.depth + 1 FROM public.directus_roles r JOIN chain c ON r.id = c.id
    WHERE r.parent IS NOT NULL AND c.depth < 32
  )`;
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
    `WITH RECURSIVE ${roleChainCte('$2')}
     SELECT (SELECT array_agg(id ORDER BY depth) FROM chain) AS roles,
            p.admin_access, p.app_access, p.enforce_tfa, p.ip_access
     FROM (SELECT 1) AS always
     LEFT JOIN directus_access a ON a."user" = $1 OR a.role IN (SELECT id FROM chain)
     LEFT JOIN directus_policies p ON p.id = a.policy`,
    [user.id, user.role],
  );
  const policies = rows.filter((row): row is PolicyFlagsRow & PolicyFlags => row.admin_access !== null);
  return { ...policyFlags(policies, ip), roles: rows[0]?.roles ?? [] };
}

/** A policy's access flags and the addresses it applies from (`ip_access`, empty = anywhere). */
export interface PolicyFlags {
  admin_access: boolean;
  app_access: boolean;
  enforce_tfa: boolean;
  ip_access: string | null;
}

/** What the policies add up to for a request from `ip`: those whose `ip_access` refuses it count for nothing. */
export function policyFlags(
  policies: readonly PolicyFlags[],
  ip: string | null,
): Omit<PolicyGlobals, 'roles'> {
  const applicable = policies.filter((policy) => ipAllowed(policy.ip_access, ip));
  return {
    admin_access: applicable.some((policy) => policy.admin_access),
    app_access: applicable.some((policy) => policy.app_access),
    enforce_tfa: applicable.some((policy) => policy.enforce_tfa),
  };
}
