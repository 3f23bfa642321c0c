import { Logger } from '@nestjs/common';
import { serviceUnavailable } from '@atrium/core';
import { JobType, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { assertValidJobId } from '../job-id';
import type {
  AddJobOptions,
  JobCounts,
  JobOutcomes,
  JobQueueDriver,
  JobQueueHealth,
} from '../job-queue.driver';
import type { JobsLogger } from '../jobs-logger';
import { closeConnection, createProducerConnection, pingRedis, whenReady } from './redis-connections';

export interface BullMqDriverOptions {
  redisUrl: string;
  /** Namespace of every BullMQ key (default `atrium`); the worker must use the same. */
  prefix?: string;
  defaultAttempts?: number;
  /** Base of BullMQ's exponential backoff (default 1000 ms). */
  backoffMs?: number;
  /** How long `add` waits for a (re)connecting Redis before rejecting (default 1000 ms). */
  readyTimeoutMs?: number;
  /** Bound on the health PING (default 1000 ms). */
  healthTimeoutMs?: number;
  /** Failed jobs kept for inspection per queue (default 1000); completed jobs are removed at once. */
  keepFailed?: number;
  logger?: JobsLogger;
}

/** States a job can be dropped from; `active` jobs hold a worker's lock and finish (or stall) on their own. */
const REMOVABLE_STATES: JobType[] = ['waiting', 'prioritized', 'delayed', 'failed'];
const PAGE_SIZE = 1000;

/**
 * The producer side on BullMQ. One Redis connection with the offline queue disabled serves every queue, so
 * `add` rejects within `readyTimeoutMs` when Redis is down — with a 503 `SERVICE_UNAVAILABLE` the caller may
 * surface or swallow — instead of hanging the request that enqueued.
 */
export class BullMqDriver implements JobQueueDriver {
  readonly name = 'bullmq' as const;
  private readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly prefix: string;
  private readonly defaultAttempts: number;
  private readonly backoffMs: number;
  private readonly readyTimeoutMs: number;
  private readonly healthTimeoutMs: number;
  private readonly keepFailed: number;
  private closed = false;

  constructor(options: BullMqDriverOptions) {
    const logger = options.logger ?? new Logger('Jobs');
    this.prefix = options.prefix ?? 'atrium';
    this.defaultAttempts = Math.max(1, options.defaultAttempts ?? 3);
    this.backoffMs = options.backoffMs ?? 1000;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 1000;
    this.healthTimeoutMs = options.healthTimeoutMs ?? 1000;
    this.keepFailed = options.keepFailed ?? 1000;
    this.connection = createProducerConnection(options.redisUrl, logger);
  }

  async add<T>(queue: string, name: string, payload: T, opts: AddJobOptions): Promise<void> {
    if (this.closed) throw new Error('The job queue is closed');
    assertValidJobId(opts.jobId);
    await this.ready();
    try {
      await this.queueFor(queue).add(name, payload, {
        jobId: opts.jobId,
        attempts: Math.max(1, opts.attempts ?? this.defaultAttempts),
        backoff: { type: 'exponential', delay: this.backoffMs },
        ...(opts.delayMs === undefined ? {} : { delay: opts.delayMs }),
        // A completed job is forgotten so the same id can be queued again (e.g. after a file is replaced).
        removeOnComplete: true,
        removeOnFail: { count: this.keepFailed },
      });
    } catch (error: unknown) {
      throw serviceUnavailable('queue', `Could not enqueue the job: ${messageOf(error)}`);
    }
  }

  async removeByJobIdPrefix(queueName: string, prefix: string): Promise<number> {
    await this.ready();
    const queue = this.queueFor(queueName);
    let removed = 0;
    for (const state of REMOVABLE_STATES) {
      // Collect first: removing while paging would shift the pages.
      const ids: string[] = [];
      for (let start = 0; ; start += PAGE_SIZE) {
        const page = await queue.getRanges([state], start, start + PAGE_SIZE - 1);
        ids.push(...page.filter((id) => id.startsWith(prefix)));
        if (page.length < PAGE_SIZE) break;
      }
      // `remove` answers 0 for a job that became active meanwhile: it keeps its lock and runs.
      for (const id of ids) removed += await queue.remove(id);
    }
    return removed;
  }

  async health(): Promise<JobQueueHealth> {
    try {
      // A connection still (re)connecting gets the same bounded wait as `add` before it counts as down.
      await whenReady(this.connection, this.healthTimeoutMs);
      const responseTimeMs = await pingRedis(this.connection, this.healthTimeoutMs);
      return { status: 'ok', driver: 'bullmq', responseTimeMs };
    } catch (error: unknown) {
      return { status: 'error', driver: 'bullmq', output: `Redis is not reachable: ${messageOf(error)}` };
    }
  }

  async counts(queueName: string): Promise<JobCounts> {
    await this.ready();
    const counts = await this.queueFor(queueName).getJobCounts(
      'waiting',
      'prioritized',
      'active',
      'delayed',
      'failed',
    );
    return {
      // Prioritized jobs wait too, in their own list.
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async outcomes(queueName: string): Promise<JobOutcomes> {
    await this.ready();
    const queue = this.queueFor(queueName);
    // The workers keep these (their `metrics` option); only the running totals are read, no data points.
    const [completed, failed] = await Promise.all([
      queue.getMetrics('completed', 0, 0),
      queue.getMetrics('failed', 0, 0),
    ]);
    return { completed: completed.meta.count, failed: failed.meta.count };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    await closeConnection(this.connection);
  }

  private async ready(): Promise<void> {
    try {
      await whenReady(this.connection, this.readyTimeoutMs);
    } catch (error: unknown) {
      throw serviceUnavailable('queue', `Redis is not reachable: ${messageOf(error)}.`);
    }
  }

  private queueFor(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.prefix,
        // Commands go straight to the shared connection (which `ready()` checked), so they fail fast too.
        skipWaitingForReady: true,
      });
      // Connection trouble is logged once by the connection itself; a listener keeps `error` from crashing.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
