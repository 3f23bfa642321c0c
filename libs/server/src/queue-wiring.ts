import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HealthProbeError } from '@atrium/health';
import { ASSETS_QUEUE, JOB_QUEUE, JobQueueDriver, removeProjectJobs } from '@atrium/jobs';
import { ProjectCleanups } from '@atrium/tenancy';
import { HealthChecksService } from './health-checks.service';

/**
 * Connects the job queue to the platform: health reports it (`warn` when jobs run in-process) and the
 * `assets` queue's backlog, and a deleted project's queued jobs are dropped.
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
      {
        key: `queue:${ASSETS_QUEUE}`,
        componentType: 'queue',
        run: async () => {
          // Depth, not latency: a growing backlog says the workers are missing or too few.
          const counts = await this.queue.counts(ASSETS_QUEUE);
          return {
            observedValue: counts.waiting + counts.delayed + counts.active + (counts.held ?? 0),
            observedUnit: 'jobs',
            extra: { componentId: ASSETS_QUEUE, ...counts },
          };
        },
      },
    ]);
  }
}
