import type { JobQueueDriver } from './job-queue.driver';
import { JOB_QUEUE_NAMES } from './queues/job-queue-names';

/** Every job id starts with its project: `<project>:…`. */
export function projectJobIdPrefix(project: string): string {
  return `${project}:`;
}

/**
 * Drops a deleted project's queued jobs from every queue; returns how many. Jobs already running finish and
 * find their project gone, which processors treat as nothing to do.
 */
export async function removeProjectJobs(queue: JobQueueDriver, project: string): Promise<number> {
  let removed = 0;
  for (const name of JOB_QUEUE_NAMES)
    removed += await queue.removeByJobIdPrefix(name, projectJobIdPrefix(project));
  return removed;
}
