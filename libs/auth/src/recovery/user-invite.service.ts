import { Inject, Injectable } from '@nestjs/common';
import { writeActivity } from '@atrium/activity';
import { activityEntry } from '../activity-entry';
import { APP_CONFIG, AppConfig, AtriumException, hashPassword, invalidPayload } from '@atrium/core';
import { MailService } from '@atrium/mail';
import type { TenantContext } from '@atrium/tenancy';
import { inTransaction } from '@atrium/tenancy';
import type { Accountability } from '../accountability';
import { AuthInvalidation } from '../auth-invalidation';
import { ProjectSecrets } from '../project-secrets';
import { requireAdmin } from '../require-access';
import { linkBase, linkWithToken } from './account-link';
import { signAccountToken, verifyAccountToken } from './account-token';
import {
  AccountUser,
  activateInvitedUser,
  findUserByEmail,
  findUserById,
  insertInvitedUser,
  readAccountSettings,
  updateInvitedRole,
} from './account-users.repository';
import { assertPasswordPolicy } from './password-policy';
import { invitationMail } from './recovery-mails';

/** One request invites at most this many addresses: each one is a row and an SMTP exchange. */
export const MAX_INVITES_PER_REQUEST = 100;

export interface InviteInput {
  email: string | string[];
  role: string;
  inviteUrl?: string;
}

export interface AcceptInviteInput {
  token: string;
  password: string;
}

export const invalidInvite = (): AtriumException =>
  new AtriumException('INVALID_INVITE', 'The invitation is invalid or has already been accepted.');

/**
 * `POST /users/invite` and `/users/invite/accept`, as Directus: unknown addresses become `invited` users,
 * already-invited ones get the mail again (with the new role), anyone else is skipped silently.
 */
@Injectable()
export class UserInviteService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly secrets: ProjectSecrets,
    private readonly mail: MailService,
    private readonly invalidation: AuthInvalidation,
  ) {}

  async invite(tenant: TenantContext, accountability: Accountability, input: InviteInput): Promise<void> {
    requireAdmin(accountability);
    const emails = [
      ...new Set((Array.isArray(input.email) ? input.email : [input.email]).map(normalizeEmail)),
    ];
    if (emails.length === 0) throw invalidPayload('"email" must name at least one address.');
    if (emails.length > MAX_INVITES_PER_REQUEST) {
      throw invalidPayload(`"email" may name at most ${MAX_INVITES_PER_REQUEST} addresses.`);
    }
    const base = linkBase({
      requested: input.inviteUrl,
      allowList: this.config.auth.userInviteUrlAllowList,
      publicUrl: this.config.publicUrl,
      project: tenant.key,
      adminPath: 'accept-invite',
      purpose: 'invite users',
    });
    const pool = await tenant.pool();
    const recipients = await inTransaction(pool, async (client) => {
      const record = (action: 'create' | 'update', item: string) =>
        writeActivity(client, {
          action,
          user: accountability.user,
          ip: accountability.ip,
          userAgent: accountability.userAgent,
          origin: accountability.origin,
          collection: 'directus_users',
          item,
        });
      const invited: AccountUser[] = [];
      for (const email of emails) {
        const existing = await findUserByEmail(client, email);
        if (!existing) {
          const created = await insertInvitedUser(client, email, input.role);
          await record('create', created.id);
          invited.push(created);
        } else if (existing.status === 'invited') {
          if (existing.role !== input.role) {
            await updateInvitedRole(client, existing.id, input.role);
            await record('update', existing.id);
          }
          invited.push(existing);
        }
        // Anyone else (active, suspended…) is skipped silently, as Directus does.
      }
      return invited;
    });
    if (recipients.length === 0) return;
    const projectName = (await readAccountSettings(pool)).projectName ?? tenant.project.name;
    const secret = this.secrets.jwtSecret(tenant.project);
    for (const user of recipients) {
      const email = user.email ?? '';
      const token = signAccountToken(
        { scope: 'invite', project: tenant.key, id: user.id, email },
        secret,
        this.config.auth.userInviteTokenTtlMs,
      );
      // As Directus: a failed mail does not fail the invitation (MailService logs it); inviting again re-sends.
      await this.mail
        .send(invitationMail(email, projectName, linkWithToken(base, token)))
        .catch(() => undefined);
    }
  }

  async accept(
    tenant: TenantContext,
    accountability: Accountability,
    input: AcceptInviteInput,
  ): Promise<void> {
    const claims = verifyAccountToken(input.token, this.secrets.jwtSecret(tenant.project), {
      scope: 'invite',
      project: tenant.key,
    });
    const pool = await tenant.pool();
    const user = await findUserById(pool, claims.id);
    if (
      !user ||
      user.status !== 'invited' ||
      normalizeEmail(user.email ?? '') !== normalizeEmail(claims.email)
    ) {
      throw invalidInvite();
    }
    assertPasswordPolicy((await readAccountSettings(pool)).passwordPolicy, input.password);
    const hash = await hashPassword(input.password);
    await inTransaction(pool, async (client) => {
      // Conditional on `invited`: of two concurrent acceptances, one wins and the other is INVALID_INVITE.
      if (!(await activateInvitedUser(client, user.id, claims.email, hash))) throw invalidInvite();
      await writeActivity(client, activityEntry(accountability, 'update', 'directus_users', user.id));
    });
    await this.invalidation.projectChanged(tenant.key);
  }
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
