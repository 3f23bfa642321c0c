import type { ClientBase } from 'pg';

export interface ProjectSeed {
  name: string;
  adminEmail: string;
  adminPasswordHash: string;
}

/**
 * Every row in one statement: a statement is atomic on its own, so the seed needs no BEGIN/COMMIT of its own,
 * and a new project pays one round trip for it instead of seven. The foreign keys between the rows are
 * checked at the end of the statement, when all of them exist.
 */
const SEED_SQL = `
  WITH role AS (
    INSERT INTO directus_roles (name, icon, description)
    VALUES ('Administrator', 'verified', 'Initial administrative role with unrestricted App/API access.')
    RETURNING id
  ), policy AS (
    INSERT INTO directus_policies (name, icon, description, admin_access, app_access)
    VALUES ('Administrator', 'verified', 'Initial administrative policy with unrestricted App/API access.', true, true)
    RETURNING id
  ), access AS (
    INSERT INTO directus_access (role, policy) SELECT role.id, policy.id FROM role, policy
  ), admin AS (
    INSERT INTO directus_users (first_name, last_name, email, password, status, role)
    SELECT 'Admin', 'User', $1, $2, 'active', role.id FROM role
    RETURNING id
  ), settings AS (
    INSERT INTO directus_settings (project_name) VALUES ($3)
  )
  SELECT id FROM admin`;

/**
 * The rows a new project starts with: an Administrator role whose policy has admin and app access, the first
 * admin user, and the settings row carrying the project's name. All or nothing, inside the caller's
 * transaction if it has one.
 */
export async function seedProject(client: ClientBase, seed: ProjectSeed): Promise<{ adminId: string }> {
  const admin = await client.query<{ id: string }>(SEED_SQL, [
    seed.adminEmail,
    seed.adminPasswordHash,
    seed.name,
  ]);
  return { adminId: admin.rows[0].id };
}
