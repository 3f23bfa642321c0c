import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig, CoreModule } from '@atrium/core';
import { AuthModule } from '@atrium/auth';
import { FilesModule } from '@atrium/files';
import { JobsModule } from '@atrium/jobs';
import { PermissionsModule } from '@atrium/permissions';
import { RedisModule } from '@atrium/redis';
import { SchemaModule } from '@atrium/schema';
import { BackupsModule, LeftoverScratchSweep, OrphanedBackupsSweep, ServerModule } from '@atrium/server';
import { AssetJobsModule } from '@atrium/system-data';
import { TenancyModule } from '@atrium/tenancy';
import type { Logger as PinoLogger } from 'pino';
import { AccountApiModule } from './account/account-api.module';
import { AuthApiModule } from './auth/auth-api.module';
import { GraphqlApiModule } from './graphql/graphql-api.module';
import { ProjectsController } from './projects/projects.controller';
import { HealthController } from './server/health.controller';
import { InfoController } from './server/info.controller';
import { PingController } from './server/ping.controller';
import { PoolsController } from './server/pools.controller';
import { MetricsController } from './server/metrics.controller';
import { UtilsApiModule } from './utils/utils-api.module';
import { MailApiModule } from './mail/mail-api.module';
import { ScimApiModule } from './scim/scim-api.module';
import { SchemaApiModule } from './schema/schema-api.module';
import { ItemsApiModule } from './items/items-api.module';
import { PermissionsApiModule } from './permissions/permissions-api.module';
import { SpecsController } from './server/specs.controller';
import { SystemDataApiModule } from './system-data/system-data-api.module';
import { AssetsApiModule } from './assets/assets-api.module';
import { RequestPipelineGuard } from './request/request-pipeline.guard';

/** Composition only: which modules and controllers make the API. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, logger: PinoLogger): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config, logger),
        RedisModule.forRoot(config.redisUrl),
        TenancyModule.forRoot(config, { resolveTenants: true }),
        // Without Redis the processors run inside the API (the embedded default).
        JobsModule.forRoot({
          redisUrl: config.redisUrl,
          prefix: config.jobsPrefix,
          runProcessorsInProcess: config.redisUrl === null,
        }),
        ServerModule,
        // `/server/projects/:key/backups`, restores and clones; without Redis the backups queue runs here.
        BackupsModule,
        // The `assets` queue's processor registers at boot; it runs here only without Redis.
        AssetJobsModule,
        // At the top, not only under the files routes: a deleted project's files go through it.
        FilesModule,
        AuthModule,
        PermissionsModule,
        SchemaModule,
        // Before the system-data routes: `/permissions/me` is a static path beside `/permissions/:id`.
        PermissionsApiModule,
        SystemDataApiModule,
        AssetsApiModule,
        SchemaApiModule,
        AccountApiModule,
        AuthApiModule,
        ItemsApiModule,
        UtilsApiModule,
        MailApiModule,
        ScimApiModule,
        GraphqlApiModule,
      ],
      // Order matters for routing only where paths overlap: static `/server/*` routes beat `/:project`.
      controllers: [
        PingController,
        ProjectsController,
        PoolsController,
        MetricsController,
        HealthController,
        SpecsController,
        InfoController,
      ],
      // Without Redis, backups a stopped API left queued are taken up here (not by the CLI); restores run
      // here, so the scratch databases a crashed one left are dropped here too.
      providers: [
        { provide: APP_GUARD, useClass: RequestPipelineGuard },
        OrphanedBackupsSweep,
        LeftoverScratchSweep,
      ],
    };
  }
}
