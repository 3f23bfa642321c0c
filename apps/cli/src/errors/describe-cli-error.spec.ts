import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, invalidPayload, serviceUnavailable } from '@atrium/core';
import { EmbeddedPostgresError } from '@atrium/embedded-postgres';
import { CliError } from './cli-error';
import { describeCliError } from './describe-cli-error';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('describeCliError', () => {
  const cases: Array<[string, unknown, string | null, number]> = [
    ['a CliError, with its own status', new CliError('interrupted', 130), 'error: interrupted', 130],
    [
      'a usage error commander already printed',
      Object.assign(new Error('error: unknown command'), { code: 'commander.unknownCommand', exitCode: 1 }),
      null,
      1,
    ],
    [
      'help that commander printed (success)',
      Object.assign(new Error('(outputHelp)'), { code: 'commander.helpDisplayed', exitCode: 0 }),
      null,
      0,
    ],
    [
      'a ConfigError',
      new ConfigError(['SECRET must be set']),
      'error: Invalid configuration: SECRET must be set (fix it in the environment or in .env)',
      1,
    ],
    [
      'an AtriumException, by its reason',
      invalidPayload('Project key is required.'),
      'error: Project key is required.',
      1,
    ],
    [
      'an AtriumException without a reason, by its message',
      serviceUnavailable('database', 'Not configured.'),
      'error: Service "database" is unavailable. Not configured.',
      1,
    ],
    [
      'an EmbeddedPostgresError',
      new EmbeddedPostgresError('port 5 is taken; free it'),
      'error: port 5 is taken; free it',
      1,
    ],
    [
      'a refused connection',
      withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'),
      'error: cannot reach the database (connect ECONNREFUSED 127.0.0.1:1); check that PostgreSQL is running ' +
        'and that DATABASE_URL (or DB_HOST) points at it',
      1,
    ],
    [
      'a wrong password',
      withCode('password authentication failed for user "x"', '28P01'),
      'error: the database rejected the user name or password; check DATABASE_URL (or DB_USER/DB_PASSWORD) ' +
        '(password authentication failed for user "x")',
      1,
    ],
    ['anything else, on one line', new Error('first\n  second'), 'error: first second', 1],
    ['a thrown string', 'odd', 'error: odd', 1],
  ];
  for (const [label, error, message, exitCode] of cases) {
    it(`describes ${label}`, () => assert.deepEqual(describeCliError(error), { message, exitCode }));
  }
});
