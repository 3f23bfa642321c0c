import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Queue } from 'bullmq';
import { AtriumException } from '@atrium/core';
import {
  BullMqDriver,
  BullMqWorkerHost,
  JobContext,
  JobProcessorRegistry,
  JobsLogger,
  MissingJobProcessorError,
} from '@atrium/jobs';
import {
  deleteKeys,
  recordingLogger,
  redisAvailable,
  TEST_REDIS_URL,
  uniquePrefix,
  waitFor,
} from './support/redis-test-context';

interface Call {
  payload: unknown;
  job: JobContext;
  at: number;
}

const NO_REDIS = `Redis is not reachable at ${TEST_REDIS_URL}`;

describe('BullMQ driver and worker host (Redis)', () => {
  const prefix = uniquePrefix();
  const cleanups: Array<() => Promise<unknown>> = [];
  let available = false;

  before(async () => {
    available = await redisAvailable();
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    if (available) await deleteKeys(prefix);
  });

  function driver(logger: JobsLogger = recordingLogger()): BullMqDriver {
    const created = new BullMqDriver({ redisUrl: TEST_REDIS_URL, prefix, backoffMs: 50, logger });
    cleanups.push(() => created.close());
    return created;
  }

  function host(registry: JobProcessorRegistry, logger: JobsLogger = recordingLogger()): BullMqWorkerHost {
    const created = new BullMqWorkerHost({ redisUrl: TEST_REDIS_URL, processors: registry, prefix, logger });
    cleanups.push(() => created.close());
    return created;
  }

  /** A registry whose `queue` processor records each call and then runs `handler`. */
  function recordingRegistry(queue: string, handler: (call: Call) => Promise<void> | void = () => undefined) {
    const calls: Call[] = [];
    const registry = new JobProcessorRegistry();
    registry.register({
      queue,
      process: async (payload, job) => {
        const call = { payload, job, at: Date.now() };
        calls.push(call);
        await handler(call);
      },
    });
    return { registry, calls };
  }

  /** Direct BullMQ access to look at what the driver left in Redis. */
  function inspect(queue: string): Queue {
    const created = new Queue(queue, { connection: { url: TEST_REDIS_URL }, prefix });
    cleanups.push(() => created.close());
    return created;
  }

  it('processes a job added through the driver on a worker', async (t) => {
    if (!available) return t.skip(NO_REDIS);
    const { registry, calls } = recordingRegistry('deliver');
    assert.deepEqual(await host(registry).start(), ['deliver']);
    await driver().add(
      'deliver',
      'asset',
      { project: 'demo', fileId: 'f1', variant: 'small' },
      { jobId: 'demo:f1:small' },
    );
    await waitFor(() => calls.length === 1);
    assert.deepEqual(calls[0].payload, { project: 'demo', fileId: 'f1', variant: 'small' });
    assert.deepEqual(calls[0].job, { id: 'demo:f1:small', attempt: 1 });
  });

  it('retries a failing job with exponential backoff, then forgets it once completed', async (t) => {
    if (!available) return t.skip(NO_REDIS);
    const { registry, calls } = recordingRegistry('flaky', (call) => {
      if (call.job.attempt < 3) throw new Error(`transient ${call.job.attempt}`);
    });
    const logger = recordingLogger();
    await host(registry, logger).start();
    const producer = driver();
    await producer.add('flaky', 'asset', {}, { jobId: 'demo:flaky:v', attempts: 3 });
    await waitFor(() => calls.length === 3);
    assert.deepEqual(
      calls.map((call) => call.job.attempt),
      [1, 2, 3],
    );
    // Backoff base 50 ms: BullMQ waits 50 ms, then 100 ms.
    assert.ok(calls[1].at - calls[0].at >= 45, `first gap ${calls[1].at - calls[0].at}`);
    assert.ok(calls[2].at - calls[1].at >= 95, `second gap ${calls[2].at - calls[1].at}`);
    assert.equal(logger.texts('warn').filter((text) => text === 'Job failed; it will be retried').length, 2);

    const queue = inspect('flaky');
    await waitFor(async () => (await queue.getJob('demo:flaky:v')) === undefined);
    await producer.add('flaky', 'asset', {}, { jobId: 'demo:flaky:v', attempts: 1 });
    await waitFor(() => calls.length === 4);
  });

  it('gives up after the allowed attempts, keeps the failed job and removes it by prefix', async (t) => {
    if (!available) return t.skip(NO_REDIS);
    const { registry, calls } = recordingRegistry('doomed', () => {
      throw new Error('always');
    });
    const logger = recordingLogger();
    await host(registry, logger).start();
    const producer = driver();
    await producer.add('doomed', 'asset', {}, { jobId: 'demo:doomed:v', attempts: 2 });
    await waitFor(() => logger.texts('error').includes('Job failed permanently'));
    assert.equal(calls.length, 2);
    const queue = inspect('doomed');
    assert.equal(await queue.getJobState('demo:doomed:v'), 'failed');
    assert.equal(await producer.removeByJobIdPrefix('doomed', 'demo:'), 1);
    assert.equal(await queue.getJob('demo:doomed:v'), undefined);
  });

  it('adds a job id only once while it is pending', async (t) => {
    if (!available) return t.skip(NO_REDIS);
    const producer = driver();
    await producer.add('dedup', 'asset', { n: 1 }, { jobId: 'demo:same:v' });
    await producer.add('dedup', 'asset', { n: 2 }, { jobId: 'demo:same:v' });
    const queue = inspect('dedup');
    assert.equal((await queue.getJobCounts('waiting')).waiting, 1);
    assert.deepEqual((await queue.getJob('demo:same:v'))?.data, { n: 1 });
  });

  it("removes a project's waiting and delayed jobs by id prefix and leaves the others", async (t) => {
    if (!available) return t.skip(NO_REDIS);
    const producer = driver();
    await producer.add('cleanup', 'asset', {}, { jobId: 'demo:f1:v' });
    await producer.add('cleanup', 'asset', {}, { jobId: 'demo:f2:v', delayMs: 60_000 });
    await producer.add('cleanup', 'asset', {}, { jobId: 'demo2:f3:v' });
    await producer.add('cleanup', 'asset', {}, { jobId: 'other:f4:v', delayMs: 60_000 });
    assert.equal(await producer.removeByJobIdPrefix('cleanup', 'demo:'), 2);
    const queue = inspect('cleanup');
    const left = (await queue.getJobs(['waiting', 'delayed'])).map((job) => job.id).sort();
    assert.deepEqual(left, ['demo2:f3:v', 'other:f4:v']);
    assert.equal(await producer.removeByJobIdPrefix('cleanup', 'demo:'), 0);
  });

  it('leaves a running job alone when removing by prefix', async (t) => {
    if (!available) return t.skip(NO_REDIS);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { registry, calls } = recordingRegistry('busy', () => gate);
    await host(registry).start();
    const producer = driver();
    await producer.add('busy', 'asset', {}, { jobId: 'demo:busy:v' });
    await waitFor(() => calls.length === 1);
    assert.equal(await producer.removeByJobIdPrefix('busy', 'demo:'), 0);
    release();
    const queue = inspect('busy');
    await waitFor(async () => (await queue.getJob('demo:busy:v')) === undefined);
  });

  it('close waits for a running job before closing Redis', async (t) => {
    if (!available) return t.skip(NO_REDIS);
    const finished: string[] = [];
    const { registry, calls } = recordingRegistry('graceful', async (call) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      finished.push(call.job.id);
    });
    const workers = host(registry);
    await workers.start();
    await driver().add('graceful', 'asset', {}, { jobId: 'demo:graceful:v' });
    await waitFor(() => calls.length === 1);
    await workers.close();
    assert.deepEqual(finished, ['demo:graceful:v']);
  });

  it('refuses to start a worker for a queue without a processor', async (t) => {
    if (!available) return t.skip(NO_REDIS);
    const { registry } = recordingRegistry('known');
    const workers = host(registry);
    await assert.rejects(workers.start(['known', 'nobody']), MissingJobProcessorError);
    assert.deepEqual(workers.consumedQueues(), []);
  });

  it('starts no worker, with a warning, when no processor is registered', async (t) => {
    if (!available) return t.skip(NO_REDIS);
    const logger = recordingLogger();
    const workers = host(new JobProcessorRegistry(), logger);
    assert.deepEqual(await workers.start(), []);
    assert.ok(logger.texts('warn').some((text) => text.startsWith('No job processors registered')));
  });

  it('reports ok health with the PING time', async (t) => {
    if (!available) return t.skip(NO_REDIS);
    const health = await driver().health();
    assert.equal(health.status, 'ok');
    assert.equal(health.driver, 'bullmq');
    assert.equal(typeof health.responseTimeMs, 'number');
  });
});

describe('BullMQ driver without Redis', () => {
  it('rejects add quickly with SERVICE_UNAVAILABLE instead of hanging, and reports error health', async () => {
    const producer = new BullMqDriver({ redisUrl: 'redis://127.0.0.1:1', logger: recordingLogger() });
    try {
      const started = Date.now();
      await assert.rejects(
        producer.add('assets', 'asset', {}, { jobId: 'demo:f1:v' }),
        (error: unknown) => error instanceof AtriumException && error.code === 'SERVICE_UNAVAILABLE',
      );
      assert.ok(Date.now() - started < 3000, `add took ${Date.now() - started} ms`);
      const health = await producer.health();
      assert.equal(health.status, 'error');
      assert.match(health.output ?? '', /Redis is not reachable/);
    } finally {
      await producer.close();
    }
  });
});
