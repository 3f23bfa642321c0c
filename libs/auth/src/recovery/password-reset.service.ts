import { Inject, Injectable, Logger } from '@nestjs/common';
import { writeActivity } from '@atrium/activity';
import { activityEntry } from '../activity-entry';
import { APP_CONFIG, AppConfig, hashPassword } from '@atrium/core';
import { MailService } from '@atrium/mail';
import type { TenantContext } from '@atrium/tenancy';
import { inTransaction, projectInstanceId } from '@atrium/tenancy';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Accountability } from '../accountability';
import { AuthInvalidation } from '../auth-invalidation';
import { invalidToken } from '../identity/auth-errors';
import { ProjectSecrets } from '../project-secrets';
import { AttemptCounters } from '../throttle/attempt-counters';
import { linkBase, linkWithToken } from './account-link';
import { credentialFingerprint, signAccountToken, verifyAccountToken } from './account-token';
import {
  deleteUserSessions,
  findUserByEmail,
  findUserById,
  readAccountSettings,
  replacePasswordIfUnchanged,
} from './account-users.repository';
import { assertPasswordPolicy } from './password-policy';
import { passwordResetMail } from './recovery-mails';

/**
 * Reset mails one user can receive per hour. Past it requests still answer 204 but mail nothing: nobody can
 * flood an inbox through the endpoint, and the answer stays the same for every email.
 */
export const RESET_MAILS_PER_HOUR = 5;
const HOUR_MS = 3_600_000;

export interface PasswordResetRequest {
  email: string;
  resetUrl?: string;
}

export interface PasswordResetInput {
  token: string;
  password: string;
}

/**
 * `POST /auth/password/request` and `/auth/password/reset` (DESIGN §5, security checklist §5.4 items 16, 19).
 * A request answers the same, in about the same time, whether the email exists or not; the link goes to an
 * allow-listed URL or the project's admin app, never to a host taken from the request; the token is single-use
 * (it carries a fingerprint of the credentials it replaces) and expires.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly secrets: ProjectSecrets,
    private readonly mail: MailService,
    private readonly invalidation: AuthInvalidation,
    private readonly counters: AttemptCounters,
  ) {}

  async request(tenant: TenantContext, input: PasswordResetRequest): Promise<void> {
    const started = Date.now();
    // Checked before the user is looked up, so a refused URL answers the same for every email.
    const base = linkBase({
      requested: input.resetUrl,
      allowList: this.config.auth.passwordResetUrlAllowList,
      publicUrl: this.config.publicUrl,
      project: tenant.key,
      adminPath: 'reset-password',
      purpose: 'reset passwords',
    });
    try {
      await this.mailLinkIfActive(tenant, input.email, base);
    } catch (error) {
      // Swallowed like Directus does: an error only some emails could cause would tell them apart.
      this.logger.warn(
        { err: { message: (error as Error).message }, project: tenant.key },
        'reset request failed',
      );
    }
    const remaining = this.config.auth.loginStallMs - (Date.now() - started);
    if (remaining > 0) await sleep(remaining);
  }

  async reset(
    tenant: TenantContext,
    accountability: Accountability,
    input: PasswordResetInput,
  ): Promise<void> {
    const claims = verifyAccountToken(input.token, this.secrets.jwtSecret(tenant.project), {
      scope: 'password-reset',
      project: tenant.key,
    });
    const pool = await tenant.pool();
    const user = await findUserById(pool, claims.id);
    // A used token fails here: the reset changed the password hash, hence the fingerprint.
    if (!user || user.status !== 'active' || credentialFingerprint(user) !== claims.fp) throw invalidToken();
    assertPasswordPolicy((await readAccountSettings(pool)).passwordPolicy, input.password);
    const hash = await hashPassword(input.password);
    await inTransaction(pool, async (client) => {
      if (!(await replacePasswordIfUnchanged(client, user, hash))) throw invalidToken();
      await deleteUserSessions(client, user.id);
      await writeActivity(client, activityEntry(accountability, 'update', 'directus_users', user.id));
    });
    await this.invalidation.projectChanged(tenant.key);
  }

  private async mailLinkIfActive(tenant: TenantContext, email: string, base: string): Promise<void> {
    const pool = await tenant.pool();
    const user = await findUserByEmail(pool, email);
    if (!user?.email || user.status !== 'active') return;
    // Per provisioning, as the login counters: a re-created project starts with fresh limits.
    const sent = await this.counters.hit(
      `reset-mail:${projectInstanceId(tenant.project)}:${user.id}`,
      HOUR_MS,
    );
    if (sent.count > RESET_MAILS_PER_HOUR) {
      this.logger.warn({ project: tenant.key, user: user.id }, 'reset mail limit reached: not sent');
      return;
    }
    const token = signAccountToken(
      {
        scope: 'password-reset',
        project: tenant.key,
        id: user.id,
        email: user.email,
        fp: credentialFingerprint(user),
      },
      this.secrets.jwtSecret(tenant.project),
      this.config.auth.passwordResetTokenTtlMs,
    );
    const { projectName } = await readAccountSettings(pool);
    const message = passwordResetMail(
      user.email,
      projectName ?? tenant.project.name,
      linkWithToken(base, token),
    );
    // Not awaited: the answer must neither wait for the SMTP exchange nor reveal by its timing that one happened.
    // MailService logs a failure; nothing more to do with it here.
    this.mail.send(message).catch(() => undefined);
  }
}
