import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serviceUnavailable } from '@atrium/core';
import type { AddJobOptions, JobCounts, JobQueueDriver, JobQueueHealth } from '../job-queue.driver';
import type { JobsLogger } from '../jobs-logger';
import type { HeldJob, JobOutbox } from './job-outbox';
import { OutboxedQueue } from './outboxed-queue';

const quiet: JobsLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** A queue that is up or down at the test's say, recording what it accepted. */
class SwitchableQueue implements JobQueueDriver {
  readonly name = 'bullmq' as const;
  up = true;
  readonly added: Array<{ queue: string; payload: unknown; opts: AddJobOptions }> = [];

  async add<T>(queue: string, _name: string, payload: T, opts: AddJobOptions): Promise<void> {
    if (opts.jobId === 'bad') throw new Error('Job id "bad" is refused');
    if (!this.up) throw serviceUnavailable('queue', 'Redis is not reachable.');
    this.added.push({ queue, payload, opts });
  }
  async removeByJobIdPrefix(): Promise<number> {
    return 1;
  }
  async health(): Promise<JobQueueHealth> {
    return { status: this.up ? 'ok' : 'error', driver: 'bullmq' };
  }
  async counts(): Promise<JobCounts> {
    return { waiting: this.added.length, active: 0, delayed: 0, failed: 0 };
  }
  async outcomes() {
    return { completed: this.added.length, failed: 0 };
  }
  async close(): Promise<void> {}
}

/** The outbox's contract in memory, with a switch to make it fail too. */
class MemoryOutbox implements JobOutbox {
  readonly jobs: HeldJob[] = [];
  down = false;

  async hold(job: HeldJob): Promise<void> {
    if (this.down) throw new Error('platform database unreachable');
    if (!this.jobs.some((kept) => kept.queue === job.queue && kept.jobId === job.jobId)) this.jobs.push(job);
  }
  async release(limit: number, send: (job: HeldJob) => Promise<void>) {
    const round = this.jobs.slice(0, limit);
    let sent = 0;
    for (const job of round) {
      try {
        await send(job);
      } catch (error) {
        this.jobs.splice(0, sent);
        throw error;
      }
      sent++;
    }
    this.jobs.splice(0, sent);
    return { sent, more: round.length === limit };
  }
  async removeByJobIdPrefix(queue: string, prefix: string): Promise<number> {
    const before = this.jobs.length;
    const kept = this.jobs.filter((job) => job.queue !== queue || !job.jobId.startsWith(prefix));
    this.jobs.splice(0, this.jobs.length, ...kept);
    return before - kept.length;
  }
  async count(queue: string): Promise<number> {
    return this.jobs.filter((job) => job.queue === queue).length;
  }
}

function setup() {
  const queue = new SwitchableQueue();
  const outbox = new MemoryOutbox();
  // Timers far away: the tests relay by hand.
  const outboxed = new OutboxedQueue(queue, outbox, {
    retryMs: 60_000,
    sweepMs: 60_000,
    batch: 2,
    logger: quiet,
  });
  return { queue, outbox, outboxed };
}

describe('OutboxedQueue', () => {
  it('queues directly while the queue is up', async () => {
    const { queue, outbox, outboxed } = setup();
    await outboxed.add('assets', 'asset', { n: 1 }, { jobId: 'p:f:metadata' });
    assert.equal(queue.added.length, 1);
    assert.equal(outbox.jobs.length, 0);
    await outboxed.close();
  });

  it('holds what the queue cannot take for want of Redis, once per id, and hands it over later', async () => {
    const { queue, outbox, outboxed } = setup();
    queue.up = false;
    for (const n of [1, 2, 3]) await outboxed.add('assets', 'asset', { n }, { jobId: `p:f${n}:metadata` });
    await outboxed.add('assets', 'asset', { n: 1 }, { jobId: 'p:f1:metadata' });
    await outboxed.add('assets', 'asset', { n: 4 }, { jobId: 'p:f4:metadata', delayMs: 60_000, attempts: 5 });
    assert.equal(outbox.jobs.length, 4);
    assert.equal(queue.added.length, 0);

    await outboxed.relay();
    assert.equal(outbox.jobs.length, 4, 'still down: everything stays held');

    queue.up = true;
    await outboxed.relay();
    assert.deepEqual(
      queue.added.map((job) => job.payload),
      [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }],
      'every held job, in order, over several batches',
    );
    assert.equal(outbox.jobs.length, 0);
    const delayed = queue.added[3].opts;
    assert.equal(delayed.attempts, 5);
    assert.ok(delayed.delayMs !== undefined && delayed.delayMs > 50_000 && delayed.delayMs <= 60_000);
    assert.equal(queue.added[0].opts.delayMs, undefined);
    await outboxed.close();
  });

  it('rethrows what the outbox cannot fix: a refused job, or an outbox that is down too', async () => {
    const { queue, outbox, outboxed } = setup();
    await assert.rejects(outboxed.add('assets', 'asset', {}, { jobId: 'bad' }), /refused/);
    queue.up = false;
    outbox.down = true;
    await assert.rejects(
      outboxed.add('assets', 'asset', {}, { jobId: 'p:f:metadata' }),
      (error: { code?: string }) => error.code === 'SERVICE_UNAVAILABLE',
    );
    assert.equal(outbox.jobs.length, 0);
    await outboxed.close();
  });

  it('drops a deleted project’s held jobs with its queued ones and counts what is held', async () => {
    const { queue, outbox, outboxed } = setup();
    queue.up = false;
    await outboxed.add('assets', 'asset', {}, { jobId: 'gone:f:metadata' });
    await outboxed.add('assets', 'asset', {}, { jobId: 'kept:f:metadata' });
    queue.up = true;
    assert.equal((await outboxed.counts('assets')).held, 2);
    assert.equal(await outboxed.removeByJobIdPrefix('assets', 'gone:'), 2, 'one held, one queued');
    assert.deepEqual(
      outbox.jobs.map((job) => job.jobId),
      ['kept:f:metadata'],
    );
    await outboxed.close();
  });

  it('holds nothing once closed', async () => {
    const { queue, outbox, outboxed } = setup();
    await outboxed.close();
    queue.up = false;
    await assert.rejects(outboxed.add('assets', 'asset', {}, { jobId: 'p:f:metadata' }));
    assert.equal(outbox.jobs.length, 0);
  });
});
