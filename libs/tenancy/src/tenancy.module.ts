import { DynamicModule, Global, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '@atrium/core';
import { DataSource } from 'typeorm';
import { TenantConnectionManager } from './connections/tenant-connection.manager';
import { ProjectCleanups } from './provisioning/project-cleanups';
import { ProjectProvisioner } from './provisioning/project-provisioner';
import { TemplateDatabases } from './provisioning/template-database';
import { openPlatformDatabase } from './registry/platform-database';
import { PLATFORM_DATA_SOURCE, ProjectRegistry } from './registry/project-registry';
import { TenantGuard } from './resolver/tenant.guard';
import { DbServers } from './servers/db-servers';
import { ProjectStatsService } from './stats/project-stats.service';

const SERVICES = [
  DbServers,
  ProjectRegistry,
  TenantConnectionManager,
  TemplateDatabases,
  ProjectCleanups,
  ProjectProvisioner,
  ProjectStatsService,
];

/** The platform registry, tenant resolution, pools and provisioning. */
@Global()
@Module({})
export class TenancyModule implements OnApplicationShutdown {
  constructor(@Inject(PLATFORM_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** `resolveTenants`: register the `/:project` guard globally (the API does; the CLI does not). */
  static forRoot(config: AppConfig, options: { resolveTenants: boolean }): DynamicModule {
    return {
      module: TenancyModule,
      providers: [
        {
          provide: PLATFORM_DATA_SOURCE,
          useFactory: () => openPlatformDatabase(config.databaseUrl, config.platformPoolSize),
        },
        ...SERVICES,
        ...(options.resolveTenants ? [TenantGuard, { provide: APP_GUARD, useExisting: TenantGuard }] : []),
      ],
      exports: [PLATFORM_DATA_SOURCE, ...SERVICES],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
