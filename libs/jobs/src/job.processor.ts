/** What a processor learns about the job it runs. `attempt` starts at 1. */
export interface JobContext {
  id: string;
  attempt: number;
}

/**
 * The consumer side of one queue. Processors must be idempotent (a job can run twice after a worker crash)
 * and throw only for faults worth retrying; a job that can never succeed (vanished file) returns normally.
 */
export interface JobProcessor<T = unknown> {
  readonly queue: string;
  process(payload: T, job: JobContext): Promise<void>;
}
