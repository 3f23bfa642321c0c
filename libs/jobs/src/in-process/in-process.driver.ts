import { runJob } from '../run-job';
import { Logger } from '@nestjs/common';
import { exponentialBackoffMs } from '../backoff';
import { assertValidJobId } from '../job-id';
import type {
  AddJobOptions,
  JobCounts,
  JobOutcomes,
  JobQueueDriver,
  JobQueueHealth,
} from '../job-queue.driver';
import type { JobProcessor } from '../job.processor';
import type { JobsLogger } from '../jobs-logger';
import { settlesWithin } from '../wait-with-timeout';

export interface InProcessDriverOptions {
  /** Where processors are found; `JobProcessorRegistry` fits. Looked up when a job is added and when it runs. */
  processors: { get(queue: string): JobProcessor };
  /** Jobs running at once across all queues (default 2): they share the API's event loop and CPU. */
  concurrency?: number;
  defaultAttempts?: number;
  /** Base of the exponential backoff between tries (default 1000 ms). */
  backoffMs?: number;
  /** How long `close` waits for running jobs (default 10 s). */
  closeTimeoutMs?: number;
  logger?: JobsLogger;
}

type JobState = 'waiting' | 'delayed' | 'active';

interface PendingJob {
  key: string;
  queue: string;
  id: string;
  name: string;
  payload: unknown;
  /** The try about to run (or running), 1-based. */
  attempt: number;
  attempts: number;
  state: JobState;
  timer?: NodeJS.Timeout;
}

/**
 * Runs jobs inside this process when no Redis is configured (DESIGN §8 embedded default). It mirrors what
 * BullMQ gives the processors — dedup by job id while a job is pending, bounded concurrency, retries with
 * exponential backoff — but keeps jobs in memory only: a restart loses what was queued, which is why health
 * reports `warn`. A failing processor is logged, never allowed to crash the process.
 */
export class InProcessDriver implements JobQueueDriver {
  readonly name = 'in-process' as const;
  private readonly jobs = new Map<string, PendingJob>();
  private readonly ready: PendingJob[] = [];
  private readonly running = new Set<Promise<void>>();
  /** Jobs failed for good since start, per queue (the jobs themselves are not kept). */
  private readonly failedByQueue = new Map<string, number>();
  private readonly completedByQueue = new Map<string, number>();
  private readonly concurrency: number;
  private readonly defaultAttempts: number;
  private readonly backoffMs: number;
  private readonly closeTimeoutMs: number;
  private readonly logger: JobsLogger;
  private closed = false;

  constructor(private readonly options: InProcessDriverOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.defaultAttempts = Math.max(1, options.defaultAttempts ?? 3);
    this.backoffMs = options.backoffMs ?? 1000;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
    this.logger = options.logger ?? new Logger('Jobs');
  }

  async add<T>(queue: string, name: string, payload: T, opts: AddJobOptions): Promise<void> {
    if (this.closed) throw new Error('The job queue is closed');
    assertValidJobId(opts.jobId);
    // Fail at the producer, not silently later: a queue nobody processes is a wiring bug.
    this.options.processors.get(queue);
    const key = `${queue}\u0000${opts.jobId}`;
    if (this.jobs.has(key)) return;
    const job: PendingJob = {
      key,
      queue,
      id: opts.jobId,
      name,
      payload,
      attempt: 1,
      attempts: Math.max(1, opts.attempts ?? this.defaultAttempts),
      state: 'waiting',
    };
    this.jobs.set(key, job);
    this.schedule(job, opts.delayMs ?? 0);
  }

  async removeByJobIdPrefix(queue: string, prefix: string): Promise<number> {
    let removed = 0;
    for (const job of [...this.jobs.values()]) {
      if (job.queue !== queue || !job.id.startsWith(prefix) || job.state === 'active') continue;
      this.drop(job);
      removed += 1;
    }
    return removed;
  }

  async health(): Promise<JobQueueHealth> {
    return {
      status: 'warn',
      driver: 'in-process',
      output: 'No REDIS_URL configured: jobs run inside the API process and queued jobs are lost on restart',
    };
  }

  async outcomes(queue: string): Promise<JobOutcomes> {
    return { completed: this.completedByQueue.get(queue) ?? 0, failed: this.failedByQueue.get(queue) ?? 0 };
  }

  async counts(queue: string): Promise<JobCounts> {
    const counts: JobCounts = {
      waiting: 0,
      active: 0,
      delayed: 0,
      failed: this.failedByQueue.get(queue) ?? 0,
    };
    for (const job of this.jobs.values()) if (job.queue === queue) counts[job.state] += 1;
    return counts;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const dropped = [...this.jobs.values()].filter((job) => job.state !== 'active');
    dropped.forEach((job) => this.drop(job));
    if (dropped.length > 0) {
      this.logger.warn(
        { dropped: dropped.length },
        'In-process job queue closed with queued jobs; they are dropped',
      );
    }
    const finished = await settlesWithin(Promise.allSettled([...this.running]), this.closeTimeoutMs);
    if (!finished) {
      this.logger.warn(
        { running: this.running.size, timeoutMs: this.closeTimeoutMs },
        'Running jobs did not finish before the close timeout',
      );
    }
  }

  private schedule(job: PendingJob, delayMs: number): void {
    if (delayMs <= 0) {
      this.enqueue(job);
      return;
    }
    job.state = 'delayed';
    job.timer = setTimeout(() => {
      job.timer = undefined;
      this.enqueue(job);
    }, delayMs);
    // A delayed in-memory job must not hold the process open on its own.
    job.timer.unref();
  }

  private enqueue(job: PendingJob): void {
    job.state = 'waiting';
    this.ready.push(job);
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.concurrency && this.ready.length > 0) {
      const job = this.ready.shift() as PendingJob;
      job.state = 'active';
      const run: Promise<void> = this.runOnce(job).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async runOnce(job: PendingJob): Promise<void> {
    try {
      // Inside the try: a processor that throws synchronously is a failed attempt like any other.
      await runJob(this.options.processors.get(job.queue), job.payload, { id: job.id, attempt: job.attempt });
      this.jobs.delete(job.key);
      this.completedByQueue.set(job.queue, (this.completedByQueue.get(job.queue) ?? 0) + 1);
    } catch (error: unknown) {
      this.fail(job, error);
    }
  }

  private fail(job: PendingJob, error: unknown): void {
    const context = { queue: job.queue, jobId: job.id, name: job.name, attempt: job.attempt, err: error };
    if (job.attempt < job.attempts && !this.closed) {
      const delayMs = exponentialBackoffMs(this.backoffMs, job.attempt);
      this.logger.warn({ ...context, retryInMs: delayMs }, 'Job failed; it will be retried');
      job.attempt += 1;
      this.schedule(job, delayMs);
      return;
    }
    this.jobs.delete(job.key);
    this.failedByQueue.set(job.queue, (this.failedByQueue.get(job.queue) ?? 0) + 1);
    this.logger.error({ ...context, attempts: job.attempts }, 'Job failed permanently');
  }

  private drop(job: PendingJob): void {
    if (job.timer) clearTimeout(job.timer);
    const index = this.ready.indexOf(job);
    if (index >= 0) this.ready.splice(index, 1);
    this.jobs.delete(job.key);
  }
}
