import type { ClientBase } from 'pg';

export interface ProjectSeed {
  name: string;
  adminEmail: string;
  adminPasswordHash: string;
}

/**
 * The rows a new project starts with: an Administrator role whose policy has admin and app access, the first
 * admin user, and the settings row carrying the project's name. Runs inside the caller's transaction.
 */
export async function seedProject(client: ClientBase, seed: ProjectSeed): Promise<{ adminId: string }> {
  const role = await client.query<{ id: string }>(
    `INSERT INTO directus_roles (name, icon, description) VALUES ('Administrator', 'verified', $1) RETURNING id`,
    ['Initial administrative role with unrestricted App/API access.'],
  );
  const policy = await client.query<{ id: string }>(
    `INSERT INTO directus_policies (name, icon, description, admin_access, app_access)
     VALUES ('Administrator', 'verified', $1, true, true) RETURNING id`,
    ['Initial administrative policy with unrestricted App/API access.'],
  );
  await client.query('INSERT INTO directus_access (role, policy) VALUES ($1, $2)', [
    role.rows[0].id,
    policy.rows[0].id,
  ]);
  const admin = await client.query<{ id: string }>(
    `INSERT INTO directus_users (first_name, last_name, email, password, status, role)
     VALUES ('Admin', 'User', $1, $2, 'active', $3) RETURNING id`,
    [seed.adminEmail, seed.adminPasswordHash, role.rows[0].id],
  );
  await client.query('INSERT INTO directus_settings (project_name) VALUES ($1)', [seed.name]);
  return { adminId: admin.rows[0].id };
}
