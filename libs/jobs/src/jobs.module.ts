import { DynamicModule, Global, Logger, Module, Provider } from '@nestjs/common';
import { BullMqWorkerHost } from './bullmq/bullmq-worker.host';
import { BullMqDriver } from './bullmq/bullmq.driver';
import { InProcessDriver } from './in-process/in-process.driver';
import { JOB_QUEUE, JobQueueDriver } from './job-queue.driver';
import { JobProcessorRegistry } from './job-processor.registry';
import { JOB_OUTBOX, type JobOutbox } from './outbox/job-outbox';
import { OutboxedQueue } from './outbox/outboxed-queue';
import { BULLMQ_WORKER_HOST, JobsLifecycle } from './jobs.lifecycle';
import { assertJobsModuleOptions, JOBS_MODULE_OPTIONS, JobsModuleOptions } from './jobs-module.options';

/**
 * The job system for one process. Exports `JOB_QUEUE` (a `JobQueueDriver`: BullMQ when `redisUrl` is set,
 * in-process otherwise) and the `JobProcessorRegistry` feature modules register processors with
 * (`provideJobProcessor`). Global, because producers and processors live in many feature modules.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions): DynamicModule {
    assertJobsModuleOptions(options);
    const { redisUrl } = options;
    const logger = new Logger('Jobs');
    const queueProvider: Provider = {
      provide: JOB_QUEUE,
      inject: [JobProcessorRegistry, { token: JOB_OUTBOX, optional: true }],
      useFactory: (registry: JobProcessorRegistry, outbox: JobOutbox | undefined): JobQueueDriver => {
        if (redisUrl === null)
          return new InProcessDriver({ processors: registry, logger, ...tuning(options) });
        const bullmq = new BullMqDriver({ redisUrl, prefix: options.prefix, logger, ...retries(options) });
        // Where the process has an outbox (the API), a Redis outage holds jobs instead of dropping them.
        return outbox ? new OutboxedQueue(bullmq, outbox, { logger }) : bullmq;
      },
    };
    const workerProviders: Provider[] =
      redisUrl !== null && options.runProcessorsInProcess
        ? [
            {
              provide: BULLMQ_WORKER_HOST,
              inject: [JobProcessorRegistry],
              useFactory: (registry: JobProcessorRegistry) =>
                new BullMqWorkerHost({
                  redisUrl,
                  processors: registry,
                  prefix: options.prefix,
                  concurrency: options.concurrency,
                  closeTimeoutMs: options.closeTimeoutMs,
                  lockDurationMs: options.lockDurationMs,
                  stalledIntervalMs: options.stalledIntervalMs,
                  logger,
                }),
            },
          ]
        : [];
    return {
      module: JobsModule,
      providers: [
        { provide: JOBS_MODULE_OPTIONS, useValue: options },
        JobProcessorRegistry,
        queueProvider,
        ...workerProviders,
        JobsLifecycle,
      ],
      exports: [JOB_QUEUE, JobProcessorRegistry],
    };
  }
}

function retries(options: JobsModuleOptions) {
  return { defaultAttempts: options.defaultAttempts, backoffMs: options.backoffMs };
}

function tuning(options: JobsModuleOptions) {
  return { ...retries(options), concurrency: options.concurrency, closeTimeoutMs: options.closeTimeoutMs };
}
