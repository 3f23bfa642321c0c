/** A job the queue could not take, kept until it can: what `JobQueueDriver.add` was asked to enqueue. */
export interface HeldJob {
  queue: string;
  name: string;
  jobId: string;
  payload: unknown;
  attempts?: number;
  /** When the job may run (from `delayMs` at the time it was added); `null`: at once. */
  runAt: Date | null;
}

/**
 * Durable keeping for jobs that could not be queued because the queue's store (Redis) was unreachable, so an
 * outage delays post-upload work instead of losing it. Implemented on the platform database, which every
 * API instance shares: whichever instance sees Redis first hands the jobs over.
 */
export interface JobOutbox {
  /** Keeps a job; a job whose queue and id are already kept is not kept twice. */
  hold(job: HeldJob): Promise<void>;
  /**
   * Hands up to `limit` kept jobs, oldest first, to `send` and forgets those it accepted. Stops at the first
   * job `send` rejects (the queue is still down) and rethrows after forgetting the ones sent. Jobs another
   * instance is handing over at the same time are skipped. `more`: there may be jobs left.
   */
  release(limit: number, send: (job: HeldJob) => Promise<void>): Promise<{ sent: number; more: boolean }>;
  /** Forgets the kept jobs of `queue` whose id starts with `prefix`; answers how many. */
  removeByJobIdPrefix(queue: string, prefix: string): Promise<number>;
  /** Jobs of `queue` kept now. */
  count(queue: string): Promise<number>;
}

/** Injection token of the process's `JobOutbox`, where there is one (the API's platform database). */
export const JOB_OUTBOX = Symbol('JOB_OUTBOX');
