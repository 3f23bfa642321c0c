import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@atrium/core';
import { JobsModule, JobsModuleOptions } from '@atrium/jobs';
import { RedisModule } from '@atrium/redis';
import { BackupJobsModule } from '@atrium/server';
import { AssetJobsModule } from '@atrium/system-data';
import { TenancyModule } from '@atrium/tenancy';
import type { Logger as PinoLogger } from 'pino';
import { WorkerHealthController } from './health/worker-health.controller';

/** Tuning the worker passes to the jobs module (tests use a private key prefix). */
export type WorkerJobsOptions = Omit<JobsModuleOptions, 'redisUrl' | 'runProcessorsInProcess'>;

/**
 * Composition only. Feature modules that bring queue processors are imported here: the `assets` queue's
 * (post-upload metadata and presets), which reaches projects through the registry and tenant pools, and the
 * `backups` queue's (project backups into platform storage).
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
        // The bus carries registry and pool invalidations from the API (project suspended, deleted).
        RedisModule.forRoot(config.redisUrl),
        TenancyModule.forRoot(config, { resolveTenants: false }),
        JobsModule.forRoot({
          redisUrl: config.redisUrl,
          prefix: config.jobsPrefix,
          runProcessorsInProcess: true,
          lockDurationMs: config.jobsLockDurationMs,
          stalledIntervalMs: config.jobsStalledIntervalMs,
          ...jobs,
        }),
        AssetJobsModule,
        BackupJobsModule,
      ],
      controllers: [WorkerHealthController],
    };
  }
}
