import type { ClientBase, Pool } from 'pg';

type Db = Pool | ClientBase;

/** The columns of `directus_users` that recovery and invitations read. */
export interface AccountUser {
  id: string;
  email: string | null;
  password: string | null;
  status: string;
  role: string | null;
}

/** What the mails and the password policy need from `directus_settings`. */
export interface AccountSettings {
  projectName: string | null;
  passwordPolicy: string | null;
}

const USER_COLUMNS = 'id, email, password, status, role';

/** Emails are unique case-insensitively (`directus_users_email_lower_unique`). */
export async function findUserByEmail(db: Db, email: string): Promise<AccountUser | null> {
  const { rows } = await db.query<AccountUser>(
    `SELECT ${USER_COLUMNS} FROM directus_users WHERE lower(email) = lower($1) LIMIT 1`,
    [email],
  );
  return rows[0] ?? null;
}

export async function findUserById(db: Db, id: string): Promise<AccountUser | null> {
  const { rows } = await db.query<AccountUser>(`SELECT ${USER_COLUMNS} FROM directus_users WHERE id = $1`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function readAccountSettings(db: Db): Promise<AccountSettings> {
  const { rows } = await db.query<{ project_name: string | null; auth_password_policy: string | null }>(
    'SELECT project_name, auth_password_policy FROM directus_settings ORDER BY id LIMIT 1',
  );
  return {
    projectName: rows[0]?.project_name ?? null,
    passwordPolicy: rows[0]?.auth_password_policy ?? null,
  };
}

/**
 * Sets a new password only if the user is still active with the email and password the token was issued for.
 * Compare-and-set in one statement: two concurrent uses of one reset token cannot both succeed.
 */
export async function replacePasswordIfUnchanged(
  db: Db,
  user: AccountUser,
  newHash: string,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE directus_users SET password = $2
     WHERE id = $1 AND status = 'active' AND password IS NOT DISTINCT FROM $3 AND email IS NOT DISTINCT FROM $4`,
    [user.id, newHash, user.password, user.email],
  );
  return result.rowCount === 1;
}

/** Logs the user out everywhere: refresh tokens and session cookies live in `directus_sessions`. */
export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.query('DELETE FROM directus_sessions WHERE "user" = $1', [userId]);
}

export async function insertInvitedUser(db: Db, email: string, role: string): Promise<AccountUser> {
  const { rows } = await db.query<AccountUser>(
    `INSERT INTO directus_users (email, role, status) VALUES ($1, $2, 'invited') RETURNING ${USER_COLUMNS}`,
    [email, role],
  );
  return rows[0];
}

export async function updateInvitedRole(db: Db, id: string, role: string): Promise<void> {
  await db.query(`UPDATE directus_users SET role = $2 WHERE id = $1 AND status = 'invited'`, [id, role]);
}

/** Sets the password and activates the user, only while still `invited`: an invitation is accepted once. */
export async function activateInvitedUser(
  db: Db,
  id: string,
  email: string,
  passwordHash: string,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE directus_users SET password = $3, status = 'active'
     WHERE id = $1 AND status = 'invited' AND lower(email) = lower($2)`,
    [id, email, passwordHash],
  );
  return result.rowCount === 1;
}
