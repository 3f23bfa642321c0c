import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JobProcessorRegistry, MissingJobProcessorError } from '../job-processor.registry';
import type { JobContext } from '../job.processor';
import type { JobsLogger } from '../jobs-logger';
import { InProcessDriver, InProcessDriverOptions } from './in-process.driver';

interface Call {
  payload: unknown;
  job: JobContext;
  at: number;
}

function recordingLogger(): JobsLogger & {
  lines: Array<{ level: string; message: unknown; rest: unknown[] }>;
} {
  const lines: Array<{ level: string; message: unknown; rest: unknown[] }> = [];
  return {
    lines,
    log: (message, ...rest) => lines.push({ level: 'log', message, rest }),
    warn: (message, ...rest) => lines.push({ level: 'warn', message, rest }),
    error: (message, ...rest) => lines.push({ level: 'error', message, rest }),
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A driver whose `test` queue runs `handler`, recording every call. */
function setup(handler: (call: Call) => Promise<void> | void, options: Partial<InProcessDriverOptions> = {}) {
  const calls: Call[] = [];
  const registry = new JobProcessorRegistry();
  registry.register({
    queue: 'test',
    process: async (payload, job) => {
      const call = { payload, job, at: Date.now() };
      calls.push(call);
      await handler(call);
    },
  });
  const logger = recordingLogger();
  const driver = new InProcessDriver({ processors: registry, backoffMs: 20, logger, ...options });
  return { driver, calls, logger };
}

describe('InProcessDriver', () => {
  it('counts a queue`s jobs per state, and the ones that failed for good', async () => {
    const gate = deferred();
    const { driver, calls } = setup(async (call) => {
      if (call.job.id === 'bad') throw new Error('never works');
      await gate.promise;
    });
    await driver.add('test', 'a', {}, { jobId: 'running' });
    await driver.add('test', 'a', {}, { jobId: 'later', delayMs: 60_000 });
    await driver.add('test', 'a', {}, { jobId: 'bad', attempts: 1 });
    await waitFor(() => calls.length === 2);
    assert.deepEqual(await driver.counts('test'), { waiting: 0, active: 1, delayed: 1, failed: 1 });
    assert.deepEqual(await driver.counts('other'), { waiting: 0, active: 0, delayed: 0, failed: 0 });
    gate.resolve();
    await driver.close();
  });

  it('runs an added job with its payload, id and first attempt', async () => {
    const { driver, calls } = setup(() => undefined);
    await driver.add('test', 'thumb', { project: 'demo' }, { jobId: 'demo:f1:small' });
    await waitFor(() => calls.length === 1);
    assert.deepEqual(calls[0].payload, { project: 'demo' });
    assert.deepEqual(calls[0].job, { id: 'demo:f1:small', attempt: 1 });
    await driver.close();
  });

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    const { driver, calls, logger } = setup((call) => {
      if (call.job.attempt < 3) throw new Error(`boom ${call.job.attempt}`);
    });
    await driver.add('test', 'thumb', {}, { jobId: 'retry-me', attempts: 3 });
    await waitFor(() => calls.length === 3);
    assert.deepEqual(
      calls.map((call) => call.job.attempt),
      [1, 2, 3],
    );
    // Backoff base 20 ms: ≥ 20 ms before the 2nd try, ≥ 40 ms before the 3rd (timers may fire a tick early).
    assert.ok(calls[1].at - calls[0].at >= 18, `first gap ${calls[1].at - calls[0].at}`);
    assert.ok(calls[2].at - calls[1].at >= 38, `second gap ${calls[2].at - calls[1].at}`);
    assert.equal(logger.lines.filter((line) => line.level === 'warn').length, 2);
    assert.equal(logger.lines.filter((line) => line.level === 'error').length, 0);
    await driver.close();
  });

  it('stops after the allowed attempts and logs the permanent failure', async () => {
    const { driver, calls, logger } = setup(() => {
      throw new Error('always');
    });
    await driver.add('test', 'thumb', {}, { jobId: 'doomed', attempts: 2 });
    await waitFor(() => logger.lines.some((line) => line.level === 'error'));
    assert.equal(calls.length, 2);
    const failure = logger.lines.find((line) => line.level === 'error')!;
    assert.equal(failure.rest[0], 'Job failed permanently');
    assert.equal((failure.message as { jobId: string }).jobId, 'doomed');
    await driver.close();
  });

  it('ignores a job id that is already pending, and accepts it again once done', async () => {
    const gate = deferred();
    const { driver, calls } = setup(() => gate.promise);
    await driver.add('test', 'thumb', { n: 1 }, { jobId: 'same' });
    await driver.add('test', 'thumb', { n: 2 }, { jobId: 'same' });
    await waitFor(() => calls.length === 1);
    await driver.add('test', 'thumb', { n: 3 }, { jobId: 'same' });
    gate.resolve();
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0].payload, { n: 1 });

    await driver.add('test', 'thumb', { n: 4 }, { jobId: 'same' });
    await waitFor(() => calls.length === 2);
    assert.deepEqual(calls[1].payload, { n: 4 });
    await driver.close();
  });

  it('dedups a job waiting for its retry', async () => {
    const { driver, calls } = setup((call) => {
      if (call.job.attempt === 1) throw new Error('first try fails');
    });
    await driver.add('test', 'thumb', {}, { jobId: 'retrying', attempts: 2 });
    await waitFor(() => calls.length === 1);
    await driver.add('test', 'thumb', {}, { jobId: 'retrying' });
    await waitFor(() => calls.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.deepEqual(
      calls.map((call) => call.job.attempt),
      [1, 2],
    );
    await driver.close();
  });

  it('isolates processor errors: sync throws and rejections never escape, other jobs still run', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { driver, calls, logger } = setup((call) => {
        const { kind } = call.payload as { kind: string };
        if (kind === 'sync') throw new Error('sync failure');
        if (kind === 'async') return Promise.reject(new Error('async failure'));
      });
      await driver.add('test', 'thumb', { kind: 'sync' }, { jobId: 'sync', attempts: 1 });
      await driver.add('test', 'thumb', { kind: 'async' }, { jobId: 'async', attempts: 1 });
      await driver.add('test', 'thumb', { kind: 'fine' }, { jobId: 'fine', attempts: 1 });
      await waitFor(
        () => calls.length === 3 && logger.lines.filter((line) => line.level === 'error').length === 2,
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(unhandled, []);
      await driver.close();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('runs at most `concurrency` jobs at once', async () => {
    let active = 0;
    let peak = 0;
    const { driver, calls } = setup(
      async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 10));
        active -= 1;
      },
      { concurrency: 2 },
    );
    for (let i = 0; i < 6; i++) await driver.add('test', 'thumb', {}, { jobId: `job-${i}` });
    await waitFor(() => calls.length === 6 && active === 0);
    assert.equal(peak, 2);
    await driver.close();
  });

  it('removes waiting and delayed jobs by id prefix, leaving others and running ones', async () => {
    const gate = deferred();
    const { driver, calls } = setup(() => gate.promise, { concurrency: 1 });
    await driver.add('test', 'thumb', {}, { jobId: 'demo:running:v' });
    await waitFor(() => calls.length === 1);
    await driver.add('test', 'thumb', {}, { jobId: 'demo:f1:v' });
    await driver.add('test', 'thumb', {}, { jobId: 'demo:f2:v', delayMs: 10_000 });
    await driver.add('test', 'thumb', {}, { jobId: 'demo2:f3:v' });
    await driver.add('test', 'thumb', {}, { jobId: 'other:f4:v' });

    assert.equal(await driver.removeByJobIdPrefix('test', 'demo:'), 2);
    assert.equal(await driver.removeByJobIdPrefix('elsewhere', 'other:'), 0);
    gate.resolve();
    await waitFor(() => calls.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(
      calls.map((call) => call.job.id),
      ['demo:running:v', 'demo2:f3:v', 'other:f4:v'],
    );
    await driver.close();
  });

  it('honours delayMs', async () => {
    const { driver, calls } = setup(() => undefined);
    const addedAt = Date.now();
    await driver.add('test', 'thumb', {}, { jobId: 'later', delayMs: 40 });
    await waitFor(() => calls.length === 1);
    assert.ok(calls[0].at - addedAt >= 38);
    await driver.close();
  });

  it('close waits for running jobs and drops queued ones', async () => {
    const finished: string[] = [];
    const { driver, calls } = setup(
      async (call) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        finished.push(call.job.id);
      },
      { concurrency: 1 },
    );
    await driver.add('test', 'thumb', {}, { jobId: 'running' });
    await driver.add('test', 'thumb', {}, { jobId: 'queued' });
    await waitFor(() => calls.length === 1);
    await driver.close();
    assert.deepEqual(finished, ['running']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(
      calls.map((call) => call.job.id),
      ['running'],
    );
  });

  it('close gives up on a stuck job after its timeout', async () => {
    const never = new Promise<void>(() => undefined);
    const { driver, calls, logger } = setup(() => never, { closeTimeoutMs: 30 });
    await driver.add('test', 'thumb', {}, { jobId: 'stuck' });
    await waitFor(() => calls.length === 1);
    const started = Date.now();
    await driver.close();
    assert.ok(Date.now() - started < 1000);
    assert.ok(
      logger.lines.some((line) => line.rest[0] === 'Running jobs did not finish before the close timeout'),
    );
  });

  it('rejects adds after close, for unknown queues and for invalid ids', async () => {
    const { driver } = setup(() => undefined);
    await assert.rejects(driver.add('nobody', 'x', {}, { jobId: 'a' }), MissingJobProcessorError);
    await assert.rejects(driver.add('test', 'x', {}, { jobId: '12' }), /integer/);
    await driver.close();
    await assert.rejects(driver.add('test', 'x', {}, { jobId: 'a' }), /closed/);
  });

  it('reports warn health naming the in-process driver', async () => {
    const { driver } = setup(() => undefined);
    const health = await driver.health();
    assert.equal(health.status, 'warn');
    assert.equal(health.driver, 'in-process');
    assert.match(health.output ?? '', /API process/);
    await driver.close();
  });
});
