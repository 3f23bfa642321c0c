import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import pino from 'pino';
import { logStyleOf } from '../config/app-config';
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

describe('log style', () => {
  it('is pretty on a terminal outside production, JSON elsewhere, and LOG_STYLE decides when set', () => {
    assert.equal(logStyleOf({}, true), 'pretty');
    assert.equal(logStyleOf({ NODE_ENV: 'production' }, true), 'json');
    assert.equal(logStyleOf({}, false), 'json');
    assert.equal(logStyleOf({ LOG_STYLE: 'json' }, true), 'json');
    assert.equal(logStyleOf({ LOG_STYLE: 'pretty', NODE_ENV: 'production' }, false), 'pretty');
  });

  it('pretty prints readable lines with the scope fields, still redacted', () => {
    const script = `
      const { createLogger } = require(${JSON.stringify(path.join(__dirname, 'create-logger.ts'))});
      const { runInLogScope } = require(${JSON.stringify(path.join(__dirname, 'log-context.ts'))});
      const logger = createLogger('info', 'atrium-api', { style: 'pretty' });
      runInLogScope(() => ({ reqId: 'r-1', project: 'acme' }), () =>
        logger.info({ context: 'Items', body: { password: 'hunter2' } }, 'items read'));
    `;
    const output = execFileSync(process.execPath, ['--require', '@swc-node/register', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    assert.match(output, /INFO.*\(atrium-api\): \[Items\] items read/);
    assert.match(output, /reqId: "r-1"/);
    assert.match(output, /project: "acme"/);
    assert.doesNotMatch(output, /hunter2/);
    assert.doesNotMatch(output, /^\{/m, 'no JSON lines');
  });
});
