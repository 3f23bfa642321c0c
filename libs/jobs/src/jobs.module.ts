import { DynamicModule, Global, Logger, Module, Provider } from '@nestjs/common';
import { BullMqWorkerHost } from './bullmq/bullmq-worker.host';
import { BullMqDriver } from './bullmq/bullmq.driver';
import { InProcessDriver } from './in-process/in-process.driver';
import { JOB_QUEUE, JobQueueDriver } from './job-queue.driver';
import { JobProcessorRegistry } from './job-processor.registry';
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
      inject: [JobProcessorRegistry],
      useFactory: (registry: JobProcessorRegistry): JobQueueDriver =>
        redisUrl === null
          ? new InProcessDriver({ processors: registry, logger, ...tuning(options) })
          : new BullMqDriver({ redisUrl, prefix: options.prefix, logger, ...retries(options) }),
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
