/** Per-job options. `jobId` is mandatory: jobs carry ids, so adding the same job twice is harmless. */
export interface AddJobOptions {
  jobId: string;
  /** Total tries including the first (default: the module's `defaultAttempts`). */
  attempts?: number;
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
}

export type JobQueueDriverName = 'bullmq' | 'in-process';

export interface JobQueueHealth {
  /** `warn` for the in-process driver: healthy, but jobs share the API process (DESIGN §8 embedded default). */
  status: 'ok' | 'warn' | 'error';
  driver: JobQueueDriverName;
  /** Why the status is not `ok`; omitted on `ok`. */
  output?: string;
  /** Round trip of a Redis PING (BullMQ driver only). */
  responseTimeMs?: number;
}

/** How many jobs of one queue are in each state (`failed`: failed for good, as far as the driver keeps them). */
export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** Kept in the platform database while Redis was unreachable, to be queued when it answers (BullMQ only). */
  held?: number;
}

/**
 * Jobs of one queue that finished, since the queue's store began counting: kept in Redis by the workers on
 * BullMQ (every worker's jobs), since the process started in-process. `failed`: failed for good.
 */
export interface JobOutcomes {
  completed: number;
  failed: number;
}

/**
 * The producer side of the job system. The same processors run on BullMQ (Redis configured) or inside the
 * API process (embedded default); callers never know which.
 */
export interface JobQueueDriver {
  readonly name: JobQueueDriverName;
  /**
   * Enqueues a job. A job whose id is already waiting, delayed or running is not added again.
   * Rejects (never hangs) when the queue cannot accept it: Redis down, no processor for an in-process queue,
   * driver closed.
   */
  add<T>(queue: string, name: string, payload: T, opts: AddJobOptions): Promise<void>;
  /**
   * Drops the jobs of `queue` whose id starts with `prefix` and that are not running (waiting, delayed, waiting
   * for a retry, or failed). Returns how many were dropped. Used when a project is deleted (`<project>:`).
   */
  removeByJobIdPrefix(queue: string, prefix: string): Promise<number>;
  health(): Promise<JobQueueHealth>;
  /** Jobs of `queue` per state, for health output. Rejects when the queue's store cannot be read. */
  counts(queue: string): Promise<JobCounts>;
  /** How many jobs of `queue` completed and failed for good, for metrics. Rejects like `counts`. */
  outcomes(queue: string): Promise<JobOutcomes>;
  /** Stops accepting jobs and releases connections; the in-process driver waits (bounded) for running jobs. */
  close(): Promise<void>;
}

/** Injection token of the configured `JobQueueDriver`. */
export const JOB_QUEUE = Symbol('JOB_QUEUE');
