import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '@atrium/core';
import { MailService } from './mail.service';

describe('MailService with EMAIL_TRANSPORT=none', () => {
  it('resolves "disabled" without sending or throwing', async () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://localhost/unused',
      SECRET: 'a'.repeat(32),
      SUPER_ADMIN_TOKEN: 'b'.repeat(32),
      EMAIL_TRANSPORT: 'none',
      LOG_LEVEL: 'silent',
    });
    const mail = new MailService(config);
    const outcome = await mail.send({ to: 'a@b.test', subject: 's', text: 't', html: '<p>t</p>' });
    assert.equal(outcome, 'disabled');
    mail.onApplicationShutdown();
  });
});
