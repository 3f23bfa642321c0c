import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { REDACTED_PATHS } from './create-logger';
import { redactUrl } from './redact-url';

describe('log redaction', () => {
  it('blanks credentials in query strings', () => {
    assert.equal(
      redactUrl('/acme/items/x?access_token=abc&limit=1&super_admin_token=s3cret'),
      '/acme/items/x?access_token=[REDACTED]&limit=1&super_admin_token=[REDACTED]',
    );
    assert.equal(redactUrl('/server/ping'), '/server/ping');
  });

  it('blanks authorization headers, cookies and secret fields wherever they appear', () => {
    const lines: string[] = [];
    const logger = pino(
      { redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } },
      { write: (line: string) => void lines.push(line) },
    );
    logger.info({
      req: { headers: { authorization: 'Bearer tok-123', cookie: 'directus_session_token=abc' } },
      body: { password: 'hunter2', refresh_token: 'r-456', admin_password: 'pw-789' },
    });
    const text = lines.join('');
    for (const secret of ['tok-123', 'directus_session_token=abc', 'hunter2', 'r-456', 'pw-789']) {
      assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
    }
  });
});
