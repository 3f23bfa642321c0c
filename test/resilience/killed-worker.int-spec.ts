import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { BullMqDriver, BullMqWorkerHost, JobProcessorRegistry } from '@atrium/jobs';
import {
  deleteKeys,
  recordingLogger,
  redisAvailable,
  TEST_REDIS_URL,
  uniquePrefix,
  waitFor,
} from '../jobs/support/redis-test-context';

describe('a worker killed mid-job', () => {
  const prefix = uniquePrefix();
  const queue = 'resilience';
  const closers: Array<() => Promise<unknown>> = [];

  after(async () => {
    for (const close of closers.reverse()) await close();
    await deleteKeys(prefix).catch(() => undefined);
  });

  it('leaves its job to a new worker, which completes it once in effect', async (t) => {
    if (!(await redisAvailable())) return t.skip(`Redis is not reachable at ${TEST_REDIS_URL}`);
    const child = spawn(
      process.execPath,
      [
        '--require',
        '@swc-node/register',
        path.join(__dirname, 'killed-worker-child.ts'),
        TEST_REDIS_URL,
        prefix,
        queue,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    closers.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const driver = new BullMqDriver({
      redisUrl: TEST_REDIS_URL,
      prefix,
      backoffMs: 50,
      logger: recordingLogger(),
    });
    closers.push(() => driver.close());
    await driver.add(queue, 'work', { project: 'demo', step: 1 }, { jobId: 'demo:work:1' });
    await waitFor(() => output.includes('started demo:work:1'), 30_000);

    child.kill('SIGKILL');
    await exited;

    // The effect of a job is keyed by its id, as the real processors' are (a variant per file and key).
    const effects = new Map<string, number>();
    const registry = new JobProcessorRegistry();
    registry.register({
      queue,
      process: async (_payload, job) => {
        effects.set(job.id, (effects.get(job.id) ?? 0) + 1);
      },
    });
    const host = new BullMqWorkerHost({
      redisUrl: TEST_REDIS_URL,
      processors: registry,
      prefix,
      lockDurationMs: 1_000,
      stalledIntervalMs: 500,
      logger: recordingLogger(),
    });
    closers.push(() => host.close());
    await host.start();
    await waitFor(() => effects.size === 1, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.deepEqual([...effects], [['demo:work:1', 1]], 'completed once, by the new worker');
    const counts = await driver.counts(queue);
    assert.deepEqual(counts, { waiting: 0, active: 0, delayed: 0, failed: 0 });
  });
});
