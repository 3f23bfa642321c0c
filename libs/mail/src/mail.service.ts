import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, serviceUnavailable } from '@atrium/core';
import type { Transporter } from 'nodemailer';
import { MailMessage, MailOutcome } from './mail-message';

/** nodemailer, loaded only when SMTP is configured (EMAIL_TRANSPORT=smtp). */
function smtp(): typeof import('nodemailer') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, on purpose
  return require('nodemailer') as typeof import('nodemailer');
}

/**
 * The one place that talks to the SMTP server (nodemailer, `EMAIL_*` configuration). With
 * `EMAIL_TRANSPORT=none` nothing is sent: a warning says so and the call resolves, so flows that mail a link
 * (password reset, invitations) keep working without a mail server.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transporter: Transporter | null;
  private readonly from: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const email = config.email;
    this.from = email.from;
    this.transporter =
      email.transport === 'smtp' && email.smtpHost
        ? smtp().createTransport({
            host: email.smtpHost,
            port: email.smtpPort,
            secure: email.smtpSecure,
            auth: email.smtpUser ? { user: email.smtpUser, pass: email.smtpPassword ?? '' } : undefined,
            // A stuck mail server must not hold requests (or shutdown) for nodemailer's minutes-long defaults.
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 30_000,
          })
        : null;
  }

  /**
   * Sends one message. Resolves `disabled` when mail is off; throws 503 `SERVICE_UNAVAILABLE` (service
   * `email`) when the SMTP server refuses or cannot be reached. Links in messages are secrets: never logged.
   */
  async send(message: MailMessage): Promise<MailOutcome> {
    if (!this.transporter) {
      this.logger.warn({ subject: message.subject }, 'mail is disabled (EMAIL_TRANSPORT=none): not sent');
      return 'disabled';
    }
    try {
      await this.transporter.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      return 'sent';
    } catch (error) {
      this.logger.warn(
        { err: { message: (error as Error).message }, subject: message.subject },
        'mail not sent',
      );
      throw serviceUnavailable('email', 'The message could not be sent.');
    }
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
