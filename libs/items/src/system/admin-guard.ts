import { invalidPayload } from '@atrium/core';
import type { ClientBase } from 'pg';

/**
 * Serialises the changes that can take admin access away, per project database, so two concurrent requests
 * cannot each remove "another" admin and leave none. Held until the transaction ends.
 */
const ADMIN_LOCK: [number, number] = [0x61747269, 0x61646d6e];

/**
 * Active users holding admin access through a policy attached to them directly, to their role, or to any
 * ancestor of their role (policies of a parent role apply to its descendants).
 */
export async function countActiveAdmins(db: ClientBase): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `WITH RECURSIVE admin_roles(id) AS (
       SELECT a.role FROM directus_access a JOIN directus_policies p ON p.id = a.policy
       WHERE p.admin_access AND a.role IS NOT NULL
       UNION
       SELECT r.id FROM directus_roles r JOIN admin_roles ar ON r.parent = ar.id
     )
     SELECT count(*)::int AS count FROM directus_users u
     WHERE u.status = 'active' AND (
       u.role IN (SELECT id FROM admin_roles)
       OR EXISTS (SELECT 1 FROM directus_access a JOIN directus_policies p ON p.id = a.policy
                  WHERE p.admin_access AND a."user" = u.id)
     )`,
  );
  return rows[0].count;
}

/**
 * The last-admin guard of one transaction: armed before its first write to a collection that decides admin
 * access (it takes the lock and counts), checked once the writes are done — refused (400, so the transaction
 * rolls back) when a project that had an active admin user would be left without any.
 */
export class LastAdminGuard {
  private before: number | null = null;

  constructor(private readonly db: ClientBase) {}

  async arm(): Promise<void> {
    if (this.before !== null) return;
    await this.db.query('SELECT pg_advisory_xact_lock($1, $2)', ADMIN_LOCK);
    this.before = await countActiveAdmins(this.db);
  }

  async check(): Promise<void> {
    if (this.before === null || this.before === 0) return;
    if ((await countActiveAdmins(this.db)) === 0) {
      throw invalidPayload('The project would be left without an active admin user.');
    }
  }
}
