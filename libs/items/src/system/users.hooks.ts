import { assertPasswordPolicy, hashToken } from '@atrium/auth';
import { failedValidation, invalidPayload } from '@atrium/core';
import type { ClientBase } from 'pg';
import type { CollectionHooks } from './collection-hooks';

async function readPasswordPolicy(db: ClientBase): Promise<string | null> {
  const { rows } = await db.query<{ policy: string | null }>(
    'SELECT auth_password_policy AS policy FROM directus_settings ORDER BY id LIMIT 1',
  );
  return rows[0]?.policy ?? null;
}

/**
 * Secrets are stored in a form that is useless when leaked: a password must first pass the project's
 * password policy (the `hash` special then stores its argon2id hash), a static token is stored as its
 * SHA-256 (what the token guard looks up). The two-factor secret is only set by the TFA enrolment flow;
 * here it can only be cleared.
 */
export const USERS_HOOKS: CollectionHooks = {
  async prepareWrite(values, _action, { db }) {
    const prepared = { ...values };
    if (typeof prepared.password === 'string') {
      if (prepared.password === '') {
        throw failedValidation({
          collection: 'directus_users',
          field: 'password',
          type: 'empty',
          detail: "Value can't be empty.",
        });
      }
      assertPasswordPolicy(await readPasswordPolicy(db), prepared.password);
    }
    if (typeof prepared.token === 'string') {
      if (prepared.token === '') throw invalidPayload('"token" has to be a non-empty string or null.');
      prepared.token = hashToken(prepared.token);
    }
    if (prepared.tfa_secret !== undefined && prepared.tfa_secret !== null) {
      throw invalidPayload(
        '"tfa_secret" can only be cleared (null) here; enable two-factor through /users/me/tfa.',
      );
    }
    return prepared;
  },
};
