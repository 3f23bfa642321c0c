import { Injectable } from '@nestjs/common';
import { writeActivity } from '@atrium/activity';
import { activityEntry } from '../activity-entry';
import { AtriumException, forbidden, invalidCredentials, invalidPayload, verifyPassword } from '@atrium/core';
import type { TenantContext } from '@atrium/tenancy';
import { inTransaction } from '@atrium/tenancy';
import type { ClientBase } from 'pg';
import type { Accountability } from '../accountability';
import { DUMMY_PASSWORD_HASH } from '../login/dummy-password-hash';
import { requireAdmin, requireUser } from '../require-access';
import { clearTfaSecret, findTfaUser, readProjectName, setTfaSecretIfUnset } from './tfa-users.repository';
import { generateTotpSecret, isTotpSecret, totpUri, verifyTotp } from './totp';
import { TotpReplayStore } from './totp-replay.store';

export interface TfaEnrolment {
  secret: string;
  otpauth_url: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const alreadyEnabled = (): AtriumException => invalidPayload('TFA secret is already set for this user.');
const invalidOtpPayload = (): AtriumException => invalidPayload('"otp" is invalid.');

/**
 * Two-factor enrolment, as Directus: `generate` (password checked, nothing stored) hands out a secret,
 * `enable` stores it once a code from it verifies, `disable` needs a current code; an admin can disable
 * anyone's. A code is spent once used (replay protection shared with login through `TotpReplayStore`).
 */
@Injectable()
export class TfaService {
  constructor(private readonly replay: TotpReplayStore) {}

  async generate(
    tenant: TenantContext,
    accountability: Accountability,
    password: string,
  ): Promise<TfaEnrolment> {
    const me = requireUser(accountability);
    const pool = await tenant.pool();
    const user = await findTfaUser(pool, me.user);
    // Hash even without a user (or a password), so a failure costs the same.
    const passwordOk = await verifyPassword(user?.password ?? DUMMY_PASSWORD_HASH, password);
    if (!user?.password || !passwordOk) throw invalidCredentials();
    if (user.tfa_secret) throw alreadyEnabled();
    const secret = generateTotpSecret();
    const issuer = (await readProjectName(pool)) ?? tenant.project.name;
    return { secret, otpauth_url: totpUri({ secret, label: user.email ?? user.id, issuer }) };
  }

  async enable(
    tenant: TenantContext,
    accountability: Accountability,
    input: { secret: string; otp: string },
  ): Promise<void> {
    const me = requireUser(accountability);
    if (!isTotpSecret(input.secret)) throw invalidPayload('"secret" is invalid.');
    const pool = await tenant.pool();
    const user = await findTfaUser(pool, me.user);
    if (!user) throw invalidCredentials();
    if (user.tfa_secret) throw alreadyEnabled();
    await this.spendCode(tenant, user.id, input.secret, input.otp);
    await inTransaction(pool, async (client) => {
      if (!(await setTfaSecretIfUnset(client, user.id, input.secret))) throw alreadyEnabled();
      await this.record(client, accountability, user.id);
    });
  }

  async disable(tenant: TenantContext, accountability: Accountability, otp: string): Promise<void> {
    const me = requireUser(accountability);
    const pool = await tenant.pool();
    const user = await findTfaUser(pool, me.user);
    if (!user) throw invalidCredentials();
    if (!user.tfa_secret) throw invalidPayload("TFA isn't enabled for this user.");
    await this.spendCode(tenant, user.id, user.tfa_secret, otp);
    await inTransaction(pool, async (client) => {
      await clearTfaSecret(client, user.id);
      await this.record(client, accountability, user.id);
    });
  }

  /** Admin only. An unknown (or malformed) id answers 403 FORBIDDEN, as any missing item does. */
  async disableFor(tenant: TenantContext, accountability: Accountability, userId: string): Promise<void> {
    requireAdmin(accountability);
    if (!UUID.test(userId)) throw forbidden();
    const pool = await tenant.pool();
    await inTransaction(pool, async (client) => {
      if (!(await clearTfaSecret(client, userId))) throw forbidden();
      await this.record(client, accountability, userId);
    });
  }

  /** A wrong code, or one whose step this user already used, is 400 INVALID_PAYLOAD (Directus's answer here). */
  private async spendCode(tenant: TenantContext, userId: string, secret: string, otp: string): Promise<void> {
    const match = await verifyTotp(secret, otp);
    if (!match || !(await this.replay.claim(tenant.project, userId, match.timeStep)))
      throw invalidOtpPayload();
  }

  private record(client: ClientBase, accountability: Accountability, userId: string): Promise<number> {
    return writeActivity(client, activityEntry(accountability, 'update', 'directus_users', userId));
  }
}
