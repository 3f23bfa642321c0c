import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AttemptCounters } from '@atrium/auth';
import {
  APP_CONFIG,
  AppConfig,
  AtriumException,
  forbidden,
  invalidPayload,
  serviceUnavailable,
} from '@atrium/core';
import { composeMail, MailService } from '@atrium/mail';
import type { RequestContext } from '@atrium/permissions';
import { projectInstanceId } from '@atrium/tenancy';
import { CurrentContext } from '../request/current-context.decorator';
import { checkMailRequest, type CheckedMail } from './mail-request';

/**
 * v8's `POST /:project/mail`: a project admin mails addresses or the project's users through the platform's
 * SMTP settings, one message per recipient (nobody sees the others). Each recipient counts against the
 * project's MAIL_PROJECT_LIMIT per MAIL_PROJECT_WINDOW_MS (shared through Redis), so a project cannot use the
 * platform to spam; data is HTML-escaped into the message.
 */
@ApiTags('Mail')
@ApiBearerAuth()
@Controller(':project/mail')
export class MailController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly counters: AttemptCounters,
  ) {}

  @Post()
  @HttpCode(204)
  async send(@CurrentContext() context: RequestContext, @Body() body: unknown): Promise<void> {
    if (!context.accountability.admin) throw forbidden();
    const request = checkMailRequest(body);
    if (this.config.email.transport !== 'smtp') {
      throw serviceUnavailable('email', 'Mail is not configured on this platform (EMAIL_TRANSPORT=none).');
    }
    const recipients = [...new Set([...request.emails, ...(await this.userEmails(context, request))])];
    await this.count(context, recipients.length);
    const message = composeMail(request);
    for (const to of recipients) await this.mail.send({ to, ...message });
  }

  /** The users' addresses; an id that is no user of the project, or one without an address, is refused. */
  private async userEmails(context: RequestContext, request: CheckedMail): Promise<string[]> {
    if (request.userIds.length === 0) return [];
    const pool = await context.tenant.pool();
    const { rows } = await pool.query<{ id: string; email: string | null }>(
      'SELECT id, email FROM directus_users WHERE id = ANY($1::uuid[])',
      [request.userIds],
    );
    const missing = request.userIds.find((id) => !rows.some((row) => row.id === id && row.email));
    if (missing) throw invalidPayload(`User "${missing}" does not exist or has no e-mail address.`);
    return rows.map((row) => row.email as string);
  }

  private async count(context: RequestContext, recipients: number): Promise<void> {
    const { projectLimit, projectWindowMs } = this.config.email;
    const key = `mail:${projectInstanceId(context.tenant.project)}`;
    for (let n = 0; n < recipients; n++) {
      const hit = await this.counters.hit(key, projectWindowMs);
      if (hit.count > projectLimit) {
        throw new AtriumException(
          'REQUESTS_EXCEEDED',
          `This project may send ${projectLimit} messages per ${Math.round(projectWindowMs / 60_000)} minutes; retry later.`,
          { limit: projectLimit, reset: new Date(Date.now() + hit.resetMs).toISOString() },
          { 'Retry-After': String(Math.ceil(hit.resetMs / 1000)) },
        );
      }
    }
  }
}
