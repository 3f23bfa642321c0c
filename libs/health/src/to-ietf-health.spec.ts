import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { HealthReport } from './health-report';
import { toIetfHealth } from './to-ietf-health';

const META = { releaseId: '0.1.0', serviceId: '3292c816-ae02-43b4-ba91-f0bb549f040c' };
const TIME = '2026-01-01T00:00:00.000Z';

describe('toIetfHealth', () => {
  it('maps a healthy report to the Directus shape with single-element checks', () => {
    const report: HealthReport = {
      status: 'ok',
      details: {
        'redis:responseTime': {
          status: 'up',
          componentType: 'cache',
          observedValue: 0.8,
          observedUnit: 'ms',
          time: TIME,
          threshold: 150,
        },
        'pg:responseTime': {
          status: 'up',
          componentType: 'datastore',
          observedValue: 0.489,
          observedUnit: 'ms',
          time: TIME,
          threshold: 150,
        },
      },
    };
    assert.deepEqual(toIetfHealth(report, META), {
      status: 'ok',
      releaseId: META.releaseId,
      serviceId: META.serviceId,
      checks: {
        'pg:responseTime': [
          {
            status: 'ok',
            componentType: 'datastore',
            observedValue: 0.489,
            observedUnit: 'ms',
            time: TIME,
            threshold: 150,
          },
        ],
        'redis:responseTime': [
          {
            status: 'ok',
            componentType: 'cache',
            observedValue: 0.8,
            observedUnit: 'ms',
            time: TIME,
            threshold: 150,
          },
        ],
      },
    });
  });

  // [Terminus overall, indicator statuses, expected IETF status]
  const table: Array<[HealthCheckResult['status'], Array<'up' | 'degraded' | 'down'>, string]> = [
    ['ok', [], 'ok'],
    ['ok', ['up', 'up'], 'ok'],
    ['degraded', ['up', 'degraded'], 'warn'],
    ['error', ['degraded', 'down'], 'error'],
    ['error', ['up', 'down'], 'error'],
    // The worst part wins even when the overall verdict claims better.
    ['ok', ['up', 'degraded'], 'warn'],
    ['ok', ['down'], 'error'],
    ['shutting_down', ['up'], 'error'],
  ];
  for (const [overall, statuses, expected] of table) {
    it(`${overall} with [${statuses.join(', ')}] is ${expected}`, () => {
      const details = Object.fromEntries(
        statuses.map((status, i) => [
          `c${i}:responseTime`,
          { status, componentType: 'component', time: TIME },
        ]),
      );
      const health = toIetfHealth({ status: overall, details }, META);
      assert.equal(health.status, expected);
      assert.deepEqual(
        Object.values(health.checks).map(([c]) => c.status),
        statuses.map((s) => ({ up: 'ok', degraded: 'warn', down: 'error' })[s]),
      );
    });
  }

  it('adds a "shutting down" note while draining', () => {
    assert.deepEqual(toIetfHealth({ status: 'shutting_down', details: {} }, META).notes, ['shutting down']);
    assert.equal(toIetfHealth({ status: 'ok', details: {} }, META).notes, undefined);
  });

  it('keeps output on warn and error, drops it on ok', () => {
    const health = toIetfHealth(
      {
        status: 'error',
        details: {
          'a:x': { status: 'up', componentType: 'component', time: TIME, output: 'fine' },
          'b:x': { status: 'degraded', componentType: 'component', time: TIME, output: 'slow' },
          'c:x': { status: 'down', componentType: 'component', time: TIME, output: 'Database unavailable.' },
        },
      },
      META,
    );
    assert.equal(health.checks['a:x'][0].output, undefined);
    assert.equal(health.checks['b:x'][0].output, 'slow');
    assert.equal(health.checks['c:x'][0].output, 'Database unavailable.');
  });

  it('flattens extras without letting them replace standard fields', () => {
    const health = toIetfHealth(
      {
        status: 'ok',
        details: {
          'queue:assets': {
            status: 'up',
            componentType: 'queue',
            observedValue: 2,
            time: TIME,
            extra: { componentId: 'assets', status: 'error', observedValue: 99 },
          },
        },
      },
      META,
    );
    assert.deepEqual(health.checks['queue:assets'], [
      { status: 'ok', componentType: 'queue', observedValue: 2, time: TIME, componentId: 'assets' },
    ]);
  });

  it('publishes only whitelisted fields of a foreign indicator', () => {
    const health = toIetfHealth(
      {
        status: 'error',
        details: {
          database: {
            status: 'down',
            message: 'password authentication failed: postgres://u:p@h',
            responseTime: 3,
          },
          // A status Terminus does not define, as a misbehaving indicator might return.
          weird: { status: 'sideways' as 'up' },
        },
      },
      META,
    );
    assert.deepEqual(health.checks.database, [{ status: 'error', componentType: 'component' }]);
    assert.deepEqual(health.checks.weird, [{ status: 'error', componentType: 'component' }]);
    assert.equal(health.status, 'error');
  });
});
