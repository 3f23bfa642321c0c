import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { REDACTED_PATHS } from './create-logger';
import { lazyChildLoggerFactory } from './lazy-child-logger';

function root(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

describe('lazy request logger', () => {
  it('writes what pino child would, bindings and redaction included', () => {
    const { logger, lines } = root('info');
    const child = lazyChildLoggerFactory(logger, { reqId: 'r-1' }, {});
    child.info({ body: { password: 'hunter2' } }, 'hello');
    child.debug('not at info');
    assert.equal(lines.length, 1);
    assert.equal(lines[0].reqId, 'r-1');
    assert.equal(lines[0].msg, 'hello');
    assert.deepEqual(lines[0].body, { password: '[REDACTED]' });
  });

  it('makes no child until a line is written at an enabled level', () => {
    const { logger } = root('warn');
    let made = 0;
    const counting = Object.assign(Object.create(logger) as typeof logger, {
      child: (...args: Parameters<typeof logger.child>) => (made++, logger.child(...args)),
    });
    const child = lazyChildLoggerFactory(counting, { reqId: 'r-2' }, {});
    child.info('skipped');
    child.debug('skipped');
    assert.equal(made, 0);
    assert.equal(child.level, 'warn');
    child.warn('written');
    assert.equal(made, 1);
  });

  it('a child of its own level is made at once', () => {
    const { logger, lines } = root('warn');
    const child = lazyChildLoggerFactory(logger, { reqId: 'r-3' }, { level: 'debug' });
    child.debug('written');
    assert.equal(lines.length, 1);
  });
});
