import type { ClientBase, Pool } from 'pg';

type Db = Pool | ClientBase;

/** What two-factor enrolment reads of a user. `tfa_secret` never leaves the service. */
export interface TfaUser {
  id: string;
  email: string | null;
  password: string | null;
  tfa_secret: string | null;
}

export async function findTfaUser(db: Db, id: string): Promise<TfaUser | null> {
  const { rows } = await db.query<TfaUser>(
    'SELECT id, email, password, tfa_secret FROM directus_users WHERE id = $1',
    [id],
  );
  return rows[0] ?? null;
}

export async function readProjectName(db: Db): Promise<string | null> {
  const { rows } = await db.query<{ project_name: string | null }>(
    'SELECT project_name FROM directus_settings ORDER BY id LIMIT 1',
  );
  return rows[0]?.project_name ?? null;
}

/** Stores the secret only if none is set: two concurrent enrolments cannot overwrite each other. */
export async function setTfaSecretIfUnset(db: Db, id: string, secret: string): Promise<boolean> {
  const result = await db.query(
    'UPDATE directus_users SET tfa_secret = $2 WHERE id = $1 AND tfa_secret IS NULL',
    [id, secret],
  );
  return result.rowCount === 1;
}

/** Clears the secret; false when no such user exists. */
export async function clearTfaSecret(db: Db, id: string): Promise<boolean> {
  const result = await db.query('UPDATE directus_users SET tfa_secret = NULL WHERE id = $1', [id]);
  return result.rowCount === 1;
}
