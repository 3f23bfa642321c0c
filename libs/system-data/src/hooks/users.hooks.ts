import { assertPasswordPolicy, hashToken } from '@atrium/auth';
import { failedValidation, hashPassword, invalidPayload } from '@atrium/core';
import type { ClientBase } from 'pg';
import type { CollectionHooks, Row } from '../definitions/collection-definition';

async function readPasswordPolicy(client: ClientBase): Promise<string | null> {
  const { rows } = await client.query<{ policy: string | null }>(
    'SELECT auth_password_policy AS policy FROM directus_settings ORDER BY id LIMIT 1',
  );
  return rows[0]?.policy ?? null;
}

/**
 * Secrets are stored in a form that is useless when leaked: passwords as argon2id hashes (after the
 * project's password policy accepts them), static tokens as their SHA-256 (what the token guard looks up).
 * The two-factor secret is only set by the TFA enrolment flow; here it can only be cleared.
 */
export const USERS_HOOKS: CollectionHooks = {
  async prepareWrite(payload, _action, { client }): Promise<Row> {
    const values = { ...payload };
    if (typeof values.password === 'string') {
      if (values.password === '') throw failedValidation('password', 'empty', "Value can't be empty.");
      assertPasswordPolicy(await readPasswordPolicy(client), values.password);
      values.password = await hashPassword(values.password);
    }
    if (typeof values.token === 'string') {
      if (values.token === '') throw invalidPayload('"token" has to be a non-empty string or null.');
      values.token = hashToken(values.token);
    }
    if (values.tfa_secret !== undefined && values.tfa_secret !== null) {
      throw invalidPayload(
        '"tfa_secret" can only be cleared (null) here; enable two-factor through /users/me/tfa.',
      );
    }
    return values;
  },
};
