import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@atrium/core';
import { FilesModule } from '@atrium/files';
import { JobsModule } from '@atrium/jobs';
import { RedisModule } from '@atrium/redis';
import { SchemaModule } from '@atrium/schema';
import { BackupsModule, ServerModule } from '@atrium/server';
import { TenancyModule, TenantMigrationFanout } from '@atrium/tenancy';
import type { Logger as PinoLogger } from 'pino';

/**
 * Composition only: the platform services the commands call — the same ones the HTTP API serves — without
 * HTTP and without the `/:project` resolver.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, logger: PinoLogger): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        CoreModule.forRoot(config, logger),
        RedisModule.forRoot(config.redisUrl),
        TenancyModule.forRoot(config, { resolveTenants: false }),
        // As in the API: with Redis this process only enqueues (workers run the jobs); without it, the
        // jobs a command causes run here, and closing the platform waits for them.
        JobsModule.forRoot({
          redisUrl: config.redisUrl,
          prefix: config.jobsPrefix,
          runProcessorsInProcess: config.redisUrl === null,
        }),
        ServerModule,
        // `projects:backup|backups|restore` and the final backup of `projects:delete`; restores apply a
        // schema snapshot through the schema services, which read the schema cache.
        SchemaModule,
        BackupsModule,
        // `projects:delete` removes the project's files, as the API's DELETE does.
        FilesModule,
      ],
      // Only the CLI fans migrations out; the API migrates lazily, one project at a time.
      providers: [TenantMigrationFanout],
      exports: [TenantMigrationFanout],
    };
  }
}
