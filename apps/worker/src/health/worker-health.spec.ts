import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toWorkerHealth } from './worker-health';

const now = new Date('2026-11-23T10:00:00.000Z');

describe('toWorkerHealth', () => {
  it('maps a reachable Redis to ok / 200 with its response time', () => {
    assert.deepEqual(toWorkerHealth({ status: 'ok', driver: 'bullmq', responseTimeMs: 0.7 }, now), {
      httpStatus: 200,
      body: {
        status: 'ok',
        checks: {
          'redis:responseTime': [
            {
              componentType: 'datastore',
              observedValue: 0.7,
              observedUnit: 'ms',
              status: 'ok',
              time: now.toISOString(),
            },
          ],
        },
      },
    });
  });

  it('maps an unreachable Redis to error / 503 with the reason', () => {
    const result = toWorkerHealth(
      { status: 'error', driver: 'bullmq', output: 'Redis is not reachable' },
      now,
    );
    assert.equal(result.httpStatus, 503);
    assert.deepEqual(result.body, {
      status: 'error',
      checks: {
        'redis:responseTime': [
          {
            componentType: 'datastore',
            status: 'error',
            time: now.toISOString(),
            output: 'Redis is not reachable',
          },
        ],
      },
    });
  });
});
