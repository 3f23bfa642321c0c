import { runJob } from '../run-job';
import { Logger } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobProcessor } from '../job.processor';
import type { JobsLogger } from '../jobs-logger';
import { settlesWithin } from '../wait-with-timeout';
import { closeConnection, createWorkerConnection } from './redis-connections';

export interface BullMqWorkerHostOptions {
  redisUrl: string;
  /** Where processors are found; `JobProcessorRegistry` fits. */
  processors: { get(queue: string): JobProcessor; queues(): string[] };
  /** Namespace of every BullMQ key (default `atrium`); the producers must use the same. */
  prefix?: string;
  /** Jobs one worker runs at once per queue (default 2). */
  concurrency?: number;
  /**
   * BullMQ job lock (default 30 s, BullMQ's own). CPU-bound processors that block the event loop longer than
   * half of it lose the lock and run twice after stalled-job recovery; raise it for them.
   */
  lockDurationMs?: number;
  /**
   * How often the workers move jobs whose lock expired (their worker died) back to the queue (default 30 s,
   * BullMQ's own). A crashed worker's job runs again within about `lockDurationMs` plus this.
   */
  stalledIntervalMs?: number;
  /** How long `close` waits for running jobs before dropping them to stalled-job recovery (default 10 s). */
  closeTimeoutMs?: number;
  logger?: JobsLogger;
}

/**
 * Runs BullMQ `Worker`s for registered processors. Jobs survive a crash of this process: their lock expires
 * and BullMQ's stalled-job check hands them to another worker. A queue without a processor is refused before
 * any worker starts (immich-style boot validation).
 */
export class BullMqWorkerHost {
  private readonly workers = new Map<string, Worker>();
  private readonly logger: JobsLogger;
  private readonly closeTimeoutMs: number;
  private connection: Redis | null = null;
  private closed = false;

  constructor(private readonly options: BullMqWorkerHostOptions) {
    this.logger = options.logger ?? new Logger('Jobs');
    this.closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
  }

  /**
   * Starts one worker per queue: `queues` when given, otherwise every queue with a registered processor.
   * Throws `MissingJobProcessorError` (starting nothing) when a queue has no processor. Returns the queues
   * consumed; an empty list is logged, not an error — a worker may run before any queue is wired.
   */
  async start(queues: string[] = this.options.processors.queues()): Promise<string[]> {
    if (this.closed) throw new Error('The worker host is closed');
    const processors = queues.map((queue) => this.options.processors.get(queue));
    if (processors.length === 0) {
      this.logger.warn('No job processors registered: this process consumes no queue');
      return [];
    }
    for (const processor of processors) this.startWorker(processor);
    this.logger.log({ queues }, `Consuming job queues: ${queues.join(', ')}`);
    return queues;
  }

  /** Queues with a running worker. */
  consumedQueues(): string[] {
    return [...this.workers.keys()];
  }

  /**
   * Closes the workers, waiting up to `closeTimeoutMs` for running jobs; jobs still running then are
   * abandoned to stalled-job recovery. Redis is closed last.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const workers = [...this.workers.values()];
    const finished = await settlesWithin(
      Promise.allSettled(workers.map((worker) => worker.close())),
      this.closeTimeoutMs,
    );
    if (!finished) {
      this.logger.warn(
        { timeoutMs: this.closeTimeoutMs },
        'Job workers did not finish in time; their running jobs will be retried after stalled-job recovery',
      );
      // Bounded too: against a Redis that never answered, BullMQ's disconnect waits for it forever.
      await settlesWithin(
        Promise.allSettled(workers.map((worker) => worker.disconnect())),
        this.closeTimeoutMs,
      );
    }
    this.workers.clear();
    if (this.connection) await closeConnection(this.connection);
  }

  private startWorker(processor: JobProcessor): void {
    if (this.workers.has(processor.queue)) return;
    this.connection ??= createWorkerConnection(this.options.redisUrl, this.logger);
    const worker = new Worker(
      processor.queue,
      // `attemptsMade` counts failed tries, so the running try is one more.
      (job: Job) => runJob(processor, job.data, { id: job.id ?? '', attempt: job.attemptsMade + 1 }),
      {
        connection: this.connection,
        prefix: this.options.prefix ?? 'atrium',
        concurrency: Math.max(1, this.options.concurrency ?? 2),
        // Completed and failed totals in Redis, shared by every worker, for the API's `/server/metrics`
        // (an hour of per-minute points is the least BullMQ keeps beside them).
        metrics: { maxDataPoints: 60 },
        // Spread, not `lockDuration: undefined`: an explicit undefined would override BullMQ's default.
        ...(this.options.lockDurationMs === undefined ? {} : { lockDuration: this.options.lockDurationMs }),
        ...(this.options.stalledIntervalMs === undefined
          ? {}
          : { stalledInterval: this.options.stalledIntervalMs }),
      },
    );
    const queue = processor.queue;
    worker.on('failed', (job: Job | undefined, error: Error) => {
      const attempts = job?.opts.attempts ?? 1;
      const context = { queue, jobId: job?.id, attempt: job?.attemptsMade, attempts, err: error };
      if (job && job.attemptsMade < attempts) this.logger.warn(context, 'Job failed; it will be retried');
      else this.logger.error(context, 'Job failed permanently');
    });
    worker.on('stalled', (jobId: string) => {
      this.logger.warn({ queue, jobId }, 'Job stalled (its worker died or blocked); it is back in the queue');
    });
    // Without a listener an `error` event would crash the process; connection errors are logged once already.
    worker.on('error', (error: Error) => {
      if (!isConnectionError(error)) this.logger.error({ queue, err: error }, 'Job worker error');
    });
    this.workers.set(queue, worker);
  }
}

function isConnectionError(error: Error): boolean {
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|Connection is closed/.test(error.message);
}
