import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '@atrium/core';
import { workerHealthPort } from './worker-health-port';

describe('workerHealthPort', () => {
  it('defaults to 8056 when unset or empty', () => {
    assert.equal(workerHealthPort({}), 8056);
    assert.equal(workerHealthPort({ WORKER_HEALTH_PORT: '' }), 8056);
  });

  it('reads a valid port', () => assert.equal(workerHealthPort({ WORKER_HEALTH_PORT: '9100' }), 9100));

  for (const raw of ['0', '65536', 'abc', '80.5', '-1', ' 80']) {
    it(`rejects ${JSON.stringify(raw)} with a ConfigError`, () => {
      assert.throws(() => workerHealthPort({ WORKER_HEALTH_PORT: raw }), ConfigError);
    });
  }
});
