import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HealthProbeError } from '@atrium/health';
import { JOB_QUEUE, JOB_QUEUE_NAMES, JobQueueDriver, removeProjectJobs } from '@atrium/jobs';
import { ProjectCleanups } from '@atrium/tenancy';
import { HealthChecksService } from './health-checks.service';

/**
 * Connects the job queue to the platform: health reports it (`warn` when jobs run in-process) and each
 * queue's backlog, and a deleted project's queued jobs are dropped.
 */
@Injectable()
export class QueueWiring implements OnModuleInit {
  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueueDriver,
    private readonly checks: HealthChecksService,
    private readonly cleanups: ProjectCleanups,
  ) {}

  onModuleInit(): void {
    this.cleanups.register('queued-jobs', async (key) => void (await removeProjectJobs(this.queue, key)));
    this.checks.addProbes(() => [
      {
        key: 'queue:responseTime',
        componentType: 'queue',
        run: async () => {
          const health = await this.queue.health();
          if (health.status === 'error')
            throw new HealthProbeError(health.output ?? 'The job queue is unavailable.');
          return {
            status: health.status,
            ...(health.output ? { output: health.output } : {}),
            extra: { driver: health.driver },
          };
        },
      },
      ...JOB_QUEUE_NAMES.map((name) => ({
        key: `queue:${name}`,
        componentType: 'queue',
        run: async () => {
          // Depth, not latency: a growing backlog says the workers are missing or too few.
          const counts = await this.queue.counts(name);
          return {
            observedValue: counts.waiting + counts.delayed + counts.active + (counts.held ?? 0),
            observedUnit: 'jobs',
            extra: { componentId: name, ...counts },
          };
        },
      })),
    ]);
  }
}
