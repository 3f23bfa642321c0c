import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppConfig, AtriumException, loadConfig } from '@atrium/core';
import { MailService } from '@atrium/mail';
import { SmtpSink } from '../support/smtp-sink';
import { closedPort } from './closed-port';

function configFor(env: Record<string, string>): AppConfig {
  return loadConfig({
    DATABASE_URL: 'postgres://localhost/unused',
    SECRET: 'a'.repeat(32),
    SUPER_ADMIN_TOKEN: 'b'.repeat(32),
    LOG_LEVEL: 'silent',
    ...env,
  });
}

describe('MailService over SMTP', () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await SmtpSink.start();
  });
  after(async () => {
    await sink?.close();
  });

  it('delivers HTML and text to the configured server, from EMAIL_FROM', async () => {
    const mail = new MailService(configFor(sink.env()));
    try {
      const outcome = await mail.send({
        to: 'Ann@Example.test',
        subject: 'Hello',
        text: 'plain body',
        html: '<p>html body</p>',
      });
      assert.equal(outcome, 'sent');
      const received = await sink.nextMail('ann@example.test');
      assert.equal(received.from, 'atrium@sink.test');
      assert.equal(received.subject, 'Hello');
      assert.equal(received.text.trim(), 'plain body');
      assert.match(received.html, /<p>html body<\/p>/);
    } finally {
      mail.onApplicationShutdown();
    }
  });

  it('turns an unreachable server into 503 SERVICE_UNAVAILABLE (service email)', async () => {
    const mail = new MailService(
      configFor({
        EMAIL_TRANSPORT: 'smtp',
        EMAIL_SMTP_HOST: '127.0.0.1',
        EMAIL_SMTP_PORT: String(await closedPort()),
      }),
    );
    try {
      await assert.rejects(
        mail.send({ to: 'a@b.test', subject: 's', text: 't', html: 't' }),
        (error: unknown) =>
          error instanceof AtriumException &&
          error.code === 'SERVICE_UNAVAILABLE' &&
          error.status === 503 &&
          error.extensions.service === 'email',
      );
    } finally {
      mail.onApplicationShutdown();
    }
  });
});
