import { runInLogScope } from '@atrium/core';
import type { JobContext, JobProcessor } from './job.processor';

/**
 * Runs one attempt of a job in its log scope, so every line its processor writes names the queue, the job
 * and — for the per-project jobs — the project.
 */
export function runJob(processor: JobProcessor, payload: unknown, context: JobContext): Promise<void> {
  const project = (payload as { project?: unknown } | null)?.project;
  const fields = () => ({
    queue: processor.queue,
    jobId: context.id,
    attempt: context.attempt,
    project: typeof project === 'string' ? project : undefined,
  });
  return runInLogScope(fields, () => processor.process(payload, context));
}
