import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertJobsModuleOptions } from './jobs-module.options';

describe('assertJobsModuleOptions', () => {
  it('accepts in-process without Redis and any mode with Redis', () => {
    assert.doesNotThrow(() => assertJobsModuleOptions({ redisUrl: null, runProcessorsInProcess: true }));
    assert.doesNotThrow(() =>
      assertJobsModuleOptions({ redisUrl: 'redis://r', runProcessorsInProcess: false }),
    );
    assert.doesNotThrow(() =>
      assertJobsModuleOptions({ redisUrl: 'redis://r', runProcessorsInProcess: true, queues: ['assets'] }),
    );
  });

  it('refuses a process without Redis that would never run its jobs', () => {
    assert.throws(
      () => assertJobsModuleOptions({ redisUrl: null, runProcessorsInProcess: false }),
      /REDIS_URL/,
    );
  });

  it('refuses a queue selection without Redis', () => {
    assert.throws(
      () => assertJobsModuleOptions({ redisUrl: null, runProcessorsInProcess: true, queues: ['assets'] }),
      /queues/,
    );
  });
});
