import { DynamicModule, Global, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { AppConfig } from '@atrium/core';
import { JOB_OUTBOX } from '@atrium/jobs';
import { DataSource } from 'typeorm';
import { TenantConnectionManager } from './connections/tenant-connection.manager';
import { ProjectCleanups } from './provisioning/project-cleanups';
import { ProjectProvisioner } from './provisioning/project-provisioner';
import { SpareDatabases } from './provisioning/spare-databases';
import { TemplateDatabases } from './provisioning/template-database';
import { openPlatformDatabase } from './registry/platform-database';
import { PLATFORM_DATA_SOURCE, ProjectRegistry } from './registry/project-registry';
import { TenantGuard } from './resolver/tenant.guard';
import { PlatformJobOutbox } from './job-outbox/platform-job-outbox';
import { ProjectRateLimiter } from './rate-limit/project-rate-limiter';
import { DbServers } from './servers/db-servers';
import { ProjectQuota } from './quota/project-quota';
import { ProjectStatsRefresher } from './stats/project-stats-refresher';
import { ProjectStatsStore } from './stats/project-stats-store';

const SERVICES = [
  DbServers,
  ProjectRegistry,
  TenantConnectionManager,
  TemplateDatabases,
  SpareDatabases,
  ProjectCleanups,
  ProjectProvisioner,
  ProjectStatsStore,
  ProjectQuota,
];

/** The platform registry, tenant resolution, pools and provisioning. */
@Global()
@Module({})
export class TenancyModule implements OnApplicationShutdown {
  constructor(@Inject(PLATFORM_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** `resolveTenants`: provide the `/:project` resolver for the API's request pipeline (the CLI has none). */
  static forRoot(config: AppConfig, options: { resolveTenants: boolean }): DynamicModule {
    return {
      module: TenancyModule,
      providers: [
        {
          provide: PLATFORM_DATA_SOURCE,
          useFactory: () => openPlatformDatabase(config.databaseUrl, config.platformPoolSize),
        },
        ...SERVICES,
        // The API keeps the stored stats fresh and limits requests; the worker and the CLI only read stats.
        ...(options.resolveTenants ? [TenantGuard, ProjectStatsRefresher, ProjectRateLimiter] : []),
        // The API holds the jobs it cannot queue while Redis is down (the worker only consumes).
        ...(options.resolveTenants ? [{ provide: JOB_OUTBOX, useClass: PlatformJobOutbox }] : []),
      ],
      exports: [
        PLATFORM_DATA_SOURCE,
        ...SERVICES,
        ...(options.resolveTenants
          ? [TenantGuard, ProjectStatsRefresher, ProjectRateLimiter, JOB_OUTBOX]
          : []),
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
