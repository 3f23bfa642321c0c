import { Logger } from '@nestjs/common';
import { AtriumException } from '@atrium/core';
import type {
  AddJobOptions,
  JobCounts,
  JobOutcomes,
  JobQueueDriver,
  JobQueueHealth,
} from '../job-queue.driver';
import type { JobsLogger } from '../jobs-logger';
import type { HeldJob, JobOutbox } from './job-outbox';

export interface OutboxedQueueOptions {
  /** How often held jobs are offered to the queue again while some are held (default 2 s). */
  retryMs?: number;
  /** How often an instance looks for jobs another instance held (default 30 s; also once at start). */
  sweepMs?: number;
  /** Jobs handed over per round (default 200). */
  batch?: number;
  logger?: JobsLogger;
}

/** The queue refused for want of its store (Redis down), not because the job or the caller is wrong. */
const isUnavailable = (error: unknown): boolean =>
  error instanceof AtriumException && error.code === 'SERVICE_UNAVAILABLE';

/**
 * A queue that keeps what it cannot enqueue: when Redis is unreachable, `add` holds the job in the outbox
 * (the platform database) and succeeds, and a relay hands held jobs to the queue once it answers again —
 * soon after this instance held one, and on a slow sweep for jobs other (or stopped) instances held. Job ids
 * make a job handed over twice one job. Only when the outbox fails too does `add` reject, as the queue would.
 */
export class OutboxedQueue implements JobQueueDriver {
  private readonly logger: JobsLogger;
  private readonly retryMs: number;
  private readonly sweepMs: number;
  private readonly batch: number;
  private timer: NodeJS.Timeout | null = null;
  /** When `timer` fires. */
  private due = 0;
  private relaying: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly queue: JobQueueDriver,
    private readonly outbox: JobOutbox,
    options: OutboxedQueueOptions = {},
  ) {
    this.logger = options.logger ?? new Logger('Jobs');
    this.retryMs = options.retryMs ?? 2_000;
    this.sweepMs = options.sweepMs ?? 30_000;
    this.batch = options.batch ?? 200;
    // Soon after start: jobs held by an instance that stopped before Redis came back.
    this.schedule(Math.min(1_000, this.sweepMs));
  }

  get name() {
    return this.queue.name;
  }

  async add<T>(queue: string, name: string, payload: T, opts: AddJobOptions): Promise<void> {
    try {
      await this.queue.add(queue, name, payload, opts);
    } catch (error: unknown) {
      if (this.closed || !isUnavailable(error)) throw error;
      const runAt = opts.delayMs === undefined ? null : new Date(Date.now() + opts.delayMs);
      try {
        await this.outbox.hold({ queue, name, jobId: opts.jobId, payload, attempts: opts.attempts, runAt });
      } catch (holdError: unknown) {
        this.logger.warn({ queue, jobId: opts.jobId, err: holdError }, 'could not hold the job either');
        throw error;
      }
      this.schedule(this.retryMs);
    }
  }

  async removeByJobIdPrefix(queue: string, prefix: string): Promise<number> {
    const held = await this.outbox.removeByJobIdPrefix(queue, prefix);
    return held + (await this.queue.removeByJobIdPrefix(queue, prefix));
  }

  health(): Promise<JobQueueHealth> {
    return this.queue.health();
  }

  async counts(queue: string): Promise<JobCounts> {
    const counts = await this.queue.counts(queue);
    const held = await this.outbox.count(queue).catch(() => undefined);
    return held === undefined ? counts : { ...counts, held };
  }

  outcomes(queue: string): Promise<JobOutcomes> {
    return this.queue.outcomes(queue);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.relaying;
    await this.queue.close();
  }

  /** Hands held jobs over now (tests; the timers call it otherwise). Resolves when this round is done. */
  relay(): Promise<void> {
    this.relaying ??= this.relayRound().finally(() => {
      this.relaying = null;
    });
    return this.relaying;
  }

  private async relayRound(): Promise<void> {
    let next = this.sweepMs;
    try {
      let more = true;
      let sent = 0;
      while (more && !this.closed) {
        const round = await this.outbox.release(this.batch, (job) => this.send(job));
        sent += round.sent;
        more = round.more;
      }
      if (sent > 0) this.logger.log({ jobs: sent }, 'queued the jobs held while the queue was unreachable');
    } catch (error: unknown) {
      // The queue (or the platform database) is still down: try again soon, quietly.
      this.logger.debug?.({ err: error }, 'held jobs stay held');
      next = this.retryMs;
    }
    this.schedule(next);
  }

  private send(job: HeldJob): Promise<void> {
    const delayMs = job.runAt === null ? undefined : Math.max(0, job.runAt.getTime() - Date.now());
    return this.queue.add(job.queue, job.name, job.payload, {
      jobId: job.jobId,
      ...(job.attempts === undefined ? {} : { attempts: job.attempts }),
      ...(delayMs === undefined || delayMs === 0 ? {} : { delayMs }),
    });
  }

  /** Runs a round within `ms`, keeping the earlier of two requested times. */
  private schedule(ms: number): void {
    if (this.closed) return;
    const due = Date.now() + ms;
    if (this.timer && this.due <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.relay();
    }, ms);
    this.timer.unref();
  }
}
