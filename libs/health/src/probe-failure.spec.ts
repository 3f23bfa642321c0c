import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HealthProbeError } from './health-probe';
import {
  describeProbeFailure,
  probeFailureOutput,
  probeTimeoutOutput,
  redactCredentials,
} from './probe-failure';

describe('probeFailureOutput', () => {
  const cases: Array<[string, unknown, string, string]> = [
    [
      'a network error',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'datastore',
      'Database unavailable (ECONNREFUSED).',
    ],
    [
      'a SQLSTATE',
      Object.assign(new Error('password authentication failed'), { code: '28P01' }),
      'datastore',
      'Database unavailable (28P01).',
    ],
    [
      'an AggregateError',
      new AggregateError([Object.assign(new Error('x'), { code: 'ETIMEDOUT' })], ''),
      'cache',
      'Cache unavailable (ETIMEDOUT).',
    ],
    [
      'an unsafe code',
      Object.assign(new Error('x'), { code: 'postgres://u:p@h' }),
      'objectstore',
      'Storage unavailable.',
    ],
    ['a string', 'boom', 'queue', 'Queue unavailable.'],
    ['an unknown type', new Error('x'), 'search', 'Dependency unavailable.'],
    [
      'a secret in the message',
      new Error('cannot reach postgres://user:secret@host'),
      'datastore',
      'Database unavailable.',
    ],
  ];
  for (const [name, err, type, expected] of cases) {
    it(`reduces ${name} to "${expected}"`, () => assert.equal(probeFailureOutput(err, type), expected));
  }

  it('publishes a HealthProbeError message, truncated to 200 characters', () => {
    assert.equal(probeFailureOutput(new HealthProbeError('Pool exhausted.'), 'datastore'), 'Pool exhausted.');
    assert.equal(probeFailureOutput(new HealthProbeError('x'.repeat(500)), 'datastore').length, 200);
  });
});

describe('probeTimeoutOutput', () => {
  it('names the component and the timeout', () => {
    assert.equal(probeTimeoutOutput('cache', 2000), 'Cache did not answer within 2000 ms.');
  });
});

describe('redactCredentials', () => {
  const cases: Array<[string, string]> = [
    ['postgres://user:secret@host:5432/db', 'postgres://[REDACTED]@host:5432/db'],
    ['redis://:s3cr/et@cache:6379', 'redis://[REDACTED]@cache:6379'],
    ['rediss://default@cache', 'rediss://[REDACTED]@cache'],
    ['host=db password=hunter2 user=x', 'host=db password=[REDACTED] user=x'],
    ["PASSWORD: 'a b c'", 'PASSWORD: [REDACTED]'],
    ['token=abc&x=1', 'token=[REDACTED]&x=1'],
    [
      'password authentication failed for user "postgres"',
      'password authentication failed for user "postgres"',
    ],
    ['https://example.com/a?b=c', 'https://example.com/a?b=c'],
  ];
  for (const [input, expected] of cases) {
    it(`redacts ${JSON.stringify(input)}`, () => assert.equal(redactCredentials(input), expected));
  }
});

describe('describeProbeFailure', () => {
  it('keeps the cause on one line without the secret', () => {
    const line = describeProbeFailure(new Error('getaddrinfo ENOTFOUND\n at postgres://u:pw@nohost/db'));
    assert.equal(line, 'Error: getaddrinfo ENOTFOUND at postgres://[REDACTED]@nohost/db');
  });
});
