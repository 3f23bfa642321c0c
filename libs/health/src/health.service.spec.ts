import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { Logger, type LoggerService } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { HealthModule } from './health.module';
import { HealthProbeError, type HealthProbe } from './health-probe';
import { HealthService } from './health.service';
import { toIetfHealth } from './to-ietf-health';

const SECRET_URL = 'postgres://user:secret@host:5432/db';

/** Collects log lines so the spec can check them and the run stays quiet. */
const logLines: string[] = [];
const recordingLogger: LoggerService = {
  log: (m: unknown) => void logLines.push(String(m)),
  warn: (m: unknown) => void logLines.push(String(m)),
  error: (m: unknown) => void logLines.push(String(m)),
};

function probe(key: string, run: HealthProbe['run'], extra: Partial<HealthProbe> = {}): HealthProbe {
  return { key, componentType: 'datastore', run, ...extra };
}

describe('HealthService.check', () => {
  let moduleRef: TestingModule;
  let health: HealthService;

  before(async () => {
    moduleRef = await Test.createTestingModule({ imports: [HealthModule] }).compile();
    // After compile(), which installs the testing logger.
    Logger.overrideLogger(recordingLogger);
    health = moduleRef.get(HealthService);
  });

  after(async () => {
    await moduleRef.close();
    Logger.overrideLogger(false);
  });

  it('reports a fast probe as up with its response time in ms', async () => {
    const report = await health.check([probe('pg:responseTime', async () => undefined)]);
    assert.equal(report.status, 'ok');
    const detail = report.details['pg:responseTime'];
    assert.equal(detail.status, 'up');
    assert.equal(detail.componentType, 'datastore');
    assert.equal(detail.observedUnit, 'ms');
    assert.equal(typeof detail.observedValue, 'number');
    assert.ok(detail.observedValue! >= 0 && detail.observedValue! < 150);
    assert.equal(detail.threshold, 150);
    assert.ok(!Number.isNaN(Date.parse(detail.time)));
    assert.equal(detail.output, undefined);
  });

  it('reports a probe slower than its warn threshold as degraded (warn)', async () => {
    const report = await health.check([
      probe('redis:responseTime', () => sleep(30), { componentType: 'cache', warnThresholdMs: 5 }),
    ]);
    assert.equal(report.status, 'degraded');
    const detail = report.details['redis:responseTime'];
    assert.equal(detail.status, 'degraded');
    assert.ok(detail.observedValue! >= 5);
    assert.match(detail.output ?? '', /over the 5 ms threshold/);
    assert.equal(toIetfHealth(report, { releaseId: '1', serviceId: 's' }).status, 'warn');
  });

  it('reports a throwing probe as down with a short output and the error code', async () => {
    const report = await health.check([
      probe('pg:responseTime', async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      }),
    ]);
    assert.equal(report.status, 'error');
    const detail = report.details['pg:responseTime'];
    assert.equal(detail.status, 'down');
    assert.equal(detail.output, 'Database unavailable (ECONNREFUSED).');
    assert.equal(detail.observedValue, undefined);
  });

  it('publishes a HealthProbeError message verbatim', async () => {
    const report = await health.check([
      probe('queue:assets', async () => {
        throw new HealthProbeError('No worker has reported for 5 minutes.');
      }),
    ]);
    assert.equal(report.details['queue:assets'].output, 'No worker has reported for 5 minutes.');
  });

  it('never echoes a connection string from a thrown error, in the report or the log', async () => {
    logLines.length = 0;
    const report = await health.check([
      probe('tenantdb:db-1:responseTime', async () => {
        throw new Error(`getaddrinfo ENOTFOUND for ${SECRET_URL} (password=hunter2)`);
      }),
    ]);
    const body =
      JSON.stringify(report) + JSON.stringify(toIetfHealth(report, { releaseId: '1', serviceId: 's' }));
    assert.doesNotMatch(body, /secret|hunter2|postgres:\/\//);
    assert.equal(report.details['tenantdb:db-1:responseTime'].output, 'Database unavailable.');
    const logged = logLines.join('\n');
    assert.match(logged, /tenantdb:db-1:responseTime failed/);
    assert.doesNotMatch(logged, /secret|hunter2/);
  });

  it('reports a hanging probe as down once its timeout passes, and aborts its signal', async () => {
    let signal: AbortSignal | undefined;
    const started = performance.now();
    const report = await health.check([
      probe(
        'storage:local:responseTime',
        (ctx) => {
          signal = ctx.signal;
          return new Promise<void>(() => undefined);
        },
        { componentType: 'objectstore', timeoutMs: 40 },
      ),
    ]);
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 35 && elapsed < 1000, `took ${elapsed} ms`);
    assert.equal(report.status, 'error');
    const detail = report.details['storage:local:responseTime'];
    assert.equal(detail.status, 'down');
    assert.equal(detail.output, 'Storage did not answer within 40 ms.');
    assert.equal(signal?.aborted, true);
  });

  it('calls a probe that rejects because its signal aborted a timeout, not a failure', async () => {
    const report = await health.check([
      probe(
        'redis:responseTime',
        ({ signal }) =>
          new Promise<void>((_, reject) =>
            signal.addEventListener('abort', () => reject(new Error(SECRET_URL))),
          ),
        { componentType: 'cache', timeoutMs: 20 },
      ),
    ]);
    assert.equal(report.details['redis:responseTime'].output, 'Cache did not answer within 20 ms.');
  });

  it('runs probes in parallel and keeps the worst status', async () => {
    const started = performance.now();
    const report = await health.check([
      probe('pg:responseTime', () => sleep(60), { warnThresholdMs: 1000 }),
      probe('redis:responseTime', () => sleep(60), { componentType: 'cache', warnThresholdMs: 10 }),
      probe('queue:assets', () => sleep(60).then(() => ({ observedValue: 3, observedUnit: 'jobs' })), {
        componentType: 'queue',
      }),
      probe('storage:local:responseTime', () => Promise.reject(new Error('EACCES')), {
        componentType: 'objectstore',
      }),
    ]);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 170, `probes ran one after another (${elapsed} ms)`);
    assert.equal(report.status, 'error');
    assert.deepEqual(Object.fromEntries(Object.entries(report.details).map(([key, d]) => [key, d.status])), {
      'pg:responseTime': 'up',
      'redis:responseTime': 'degraded',
      'queue:assets': 'up',
      'storage:local:responseTime': 'down',
    });
    assert.equal(report.details['queue:assets'].observedValue, 3);
    assert.equal(report.details['queue:assets'].observedUnit, 'jobs');

    const ietf = toIetfHealth(report, { releaseId: '0.1.0', serviceId: 'svc' });
    assert.equal(ietf.status, 'error');
    assert.deepEqual(Object.keys(ietf.checks), [
      'pg:responseTime',
      'queue:assets',
      'redis:responseTime',
      'storage:local:responseTime',
    ]);
    assert.equal(ietf.checks['redis:responseTime'][0].status, 'warn');
    assert.equal(ietf.checks['storage:local:responseTime'][0].output, 'Storage unavailable.');
  });

  it('lets a probe decide warn itself and attach extras', async () => {
    const report = await health.check([
      probe(
        'queue:assets',
        async () => ({
          status: 'warn',
          observedValue: 900,
          output: 'Backlog.',
          extra: { componentId: 'assets' },
        }),
        {
          componentType: 'queue',
        },
      ),
    ]);
    assert.equal(report.status, 'degraded');
    const [check] = toIetfHealth(report, { releaseId: '1', serviceId: 's' }).checks['queue:assets'];
    assert.equal(check.status, 'warn');
    assert.equal(check.output, 'Backlog.');
    assert.equal(check.componentId, 'assets');
    assert.equal(check.threshold, undefined);
  });

  it('answers ok with no checks when given no probes', async () => {
    const report = await health.check([]);
    assert.equal(report.status, 'ok');
    assert.deepEqual(report.details, {});
  });

  it('rejects duplicate probe keys', async () => {
    const noop = async () => undefined;
    await assert.rejects(
      health.check([probe('pg:responseTime', noop), probe('pg:responseTime', noop)]),
      /Duplicate/,
    );
  });
});
