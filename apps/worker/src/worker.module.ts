import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@atrium/core';
import { JobsModule, JobsModuleOptions } from '@atrium/jobs';
import type { Logger as PinoLogger } from 'pino';
import { WorkerHealthController } from './health/worker-health.controller';

/** Tuning the worker passes to the jobs module (tests use a private key prefix). */
export type WorkerJobsOptions = Omit<JobsModuleOptions, 'redisUrl' | 'runProcessorsInProcess'>;

/**
 * Composition only. Feature modules that bring queue processors (files: the `assets` queue) are imported
 * here; until then the worker consumes no queue and says so at boot.
 */
@Module({})
export class WorkerModule {
  static forRoot(
    config: AppConfig & { redisUrl: string },
    logger: PinoLogger,
    jobs: WorkerJobsOptions = {},
  ): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, logger),
        JobsModule.forRoot({ redisUrl: config.redisUrl, runProcessorsInProcess: true, ...jobs }),
      ],
      controllers: [WorkerHealthController],
    };
  }
}
