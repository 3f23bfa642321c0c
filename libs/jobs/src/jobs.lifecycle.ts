import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { BullMqWorkerHost } from './bullmq/bullmq-worker.host';
import { JOB_QUEUE, JobQueueDriver } from './job-queue.driver';
import { JobProcessorRegistry } from './job-processor.registry';
import { JOBS_MODULE_OPTIONS, JobsModuleOptions } from './jobs-module.options';

export const BULLMQ_WORKER_HOST = Symbol('BULLMQ_WORKER_HOST');

/**
 * Starts consumers once every module has registered its processors (bootstrap runs after all providers exist)
 * and stops them before the application's connections close: workers first (bounded wait for running jobs),
 * then the producer and its Redis connection.
 */
@Injectable()
export class JobsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueueDriver,
    @Inject(JOBS_MODULE_OPTIONS) private readonly options: JobsModuleOptions,
    private readonly registry: JobProcessorRegistry,
    @Optional() @Inject(BULLMQ_WORKER_HOST) private readonly workers: BullMqWorkerHost | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.workers) {
      await this.workers.start(this.options.queues);
      return;
    }
    if (this.queue.name === 'in-process') {
      const queues = this.registry.queues();
      this.logger.log(
        { queues },
        queues.length > 0
          ? `No REDIS_URL: jobs run in this process (${queues.join(', ')})`
          : 'No REDIS_URL: jobs run in this process; no job processors registered',
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.workers) await this.workers.close();
    await this.queue.close();
  }
}
