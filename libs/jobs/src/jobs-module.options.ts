export interface JobsModuleOptions {
  /** `null`: no Redis, jobs run in this process (`InProcessDriver`). Otherwise producers use BullMQ. */
  redisUrl: string | null;
  /**
   * Run the registered processors in this process. With Redis it starts BullMQ workers here (the worker app;
   * or a single-process deployment). Without Redis it must be `true`: nobody else could run the jobs.
   */
  runProcessorsInProcess: boolean;
  /** BullMQ key prefix (default `atrium`); API and worker must agree. */
  prefix?: string;
  /** With BullMQ workers: the queues to consume (default: every queue with a registered processor). */
  queues?: string[];
  /** Jobs run at once: per queue for BullMQ workers, in total in-process (default 2). */
  concurrency?: number;
  /** Tries per job, including the first (default 3). */
  defaultAttempts?: number;
  /** Base of the exponential backoff between tries (default 1000 ms). */
  backoffMs?: number;
  /** How long shutdown waits for running jobs (default 10 s). */
  closeTimeoutMs?: number;
  /** BullMQ workers: the job lock (default BullMQ's 30 s); a dead worker's job is freed once it expires. */
  lockDurationMs?: number;
  /** BullMQ workers: how often they look for jobs whose lock expired (default BullMQ's 30 s). */
  stalledIntervalMs?: number;
}

export const JOBS_MODULE_OPTIONS = Symbol('JOBS_MODULE_OPTIONS');

/** Throws on combinations that cannot work, so a misconfigured process refuses to start. */
export function assertJobsModuleOptions(options: JobsModuleOptions): void {
  if (options.redisUrl === null && !options.runProcessorsInProcess) {
    throw new Error(
      'Without REDIS_URL jobs can only run in this process: runProcessorsInProcess must be true',
    );
  }
  if (options.redisUrl === null && options.queues) {
    throw new Error('JobsModule option `queues` selects BullMQ workers and needs REDIS_URL');
  }
}
