import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PostgresLogForwarder } from './postgres-log';

type Logger = { info(m: string): void; warn(m: string): void; debug(m: string): void };

function capture(): { logger: Logger; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    logger: {
      info: (m) => calls.push(`info ${m}`),
      warn: (m) => calls.push(`warn ${m}`),
      debug: (m) => calls.push(`debug ${m}`),
    },
  };
}

describe('PostgresLogForwarder', () => {
  test('maps severities to levels and lets DETAIL/HINT and continuation lines follow their message', () => {
    const { logger, calls } = capture();
    const log = new PostgresLogForwarder(logger);
    log.write('LOG:  starting PostgreSQL 18.4\nWARNING:  checkpoints too frequent\nHINT:  raise it\n');
    log.write('\tcontinued\nLOG:  ready\n');
    assert.deepEqual(calls, [
      'info postgres: LOG:  starting PostgreSQL 18.4',
      'warn postgres: WARNING:  checkpoints too frequent',
      'warn postgres: HINT:  raise it',
      'warn postgres: \tcontinued',
      'info postgres: LOG:  ready',
    ]);
  });

  test("a statement's ERROR (the client got it and answered for it) is debug detail, not a warning", () => {
    const { logger, calls } = capture();
    const log = new PostgresLogForwarder(logger);
    log.write('ERROR:  duplicate key value violates unique constraint\nDETAIL:  Key (id)=(1)\nLOG:  ok\n');
    assert.deepEqual(calls, [
      'debug postgres: ERROR:  duplicate key value violates unique constraint',
      'debug postgres: DETAIL:  Key (id)=(1)',
      'info postgres: LOG:  ok',
    ]);
  });

  test('joins lines split across chunks and flushes the last partial line', () => {
    const { logger, calls } = capture();
    const log = new PostgresLogForwarder(logger);
    log.write('LOG:  listen');
    log.write('ing on IPv4\nFATAL:  could not');
    assert.deepEqual(calls, ['info postgres: LOG:  listening on IPv4']);
    log.flush();
    assert.equal(calls[1], 'warn postgres: FATAL:  could not');
  });

  test('remembers the last FATAL or PANIC for error messages', () => {
    const { logger } = capture();
    const log = new PostgresLogForwarder(logger);
    assert.equal(log.lastProblem, undefined);
    log.write(
      'FATAL:  could not bind IPv4 address "127.0.0.1": Address already in use\nHINT:  Is another postmaster running?\n',
    );
    assert.equal(log.lastProblem, 'could not bind IPv4 address "127.0.0.1": Address already in use');
  });
});
