import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, platformVersion, ShutdownDrain } from '@atrium/core';
import { projectStorageRoot } from '@atrium/files';
import { HealthProbe, HealthService, IetfHealth, toIetfHealth } from '@atrium/health';
import { REDIS } from '@atrium/redis';
import { DbServers, PLATFORM_DATA_SOURCE, TenantContext } from '@atrium/tenancy';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  localStorageProbe,
  platformDatabaseProbe,
  poolConnectionProbes,
  pgProbe,
  redisProbe,
  shutdownProbe,
  tenantServerProbe,
} from './health-probes';

/** Extra probes other modules contribute (the job queue, mail…), registered at start-up. */
export type ProbeSource = () => HealthProbe[];

/** `/server/health` globally and per project: which dependencies are checked, in the IETF format. */
@Injectable()
export class HealthChecksService {
  private readonly serviceId = randomUUID();
  private readonly extraProbes: ProbeSource[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PLATFORM_DATA_SOURCE) private readonly platform: DataSource,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly servers: DbServers,
    private readonly health: HealthService,
    private readonly drain: ShutdownDrain,
  ) {}

  addProbes(source: ProbeSource): void {
    this.extraProbes.push(source);
  }

  /** The platform: its database, every tenant database server, Redis, the job queue and storage. */
  platformHealth(): Promise<IetfHealth> {
    return this.run([
      platformDatabaseProbe(this.platform),
      ...this.servers
        .list()
        .map((server) => tenantServerProbe(server.name, this.servers.adminPool(server.name))),
      ...(this.redis ? [redisProbe(this.redis)] : []),
      localStorageProbe(this.config.storageLocalRoot),
      ...this.extraProbes.flatMap((source) => source()),
    ]);
  }

  /** One project: its own database pool and its storage; never the other projects' databases. */
  async projectHealth(tenant: TenantContext): Promise<IetfHealth> {
    let pool;
    try {
      pool = await tenant.pool();
    } catch {
      pool = null;
    }
    const database: HealthProbe[] = pool
      ? [pgProbe('pg:responseTime', () => pool.query('SELECT 1')), ...poolConnectionProbes(pool)]
      : [pgProbe('pg:responseTime', () => Promise.reject(new Error('pool unavailable')))];
    return this.run([
      ...database,
      ...(this.redis ? [redisProbe(this.redis)] : []),
      localStorageProbe(projectStorageRoot(this.config.storageLocalRoot, tenant.key)),
      ...this.extraProbes.flatMap((source) => source()),
    ]);
  }

  private async run(probes: HealthProbe[]): Promise<IetfHealth> {
    // Only while draining: a healthy instance's report keeps the checks it always had.
    if (this.drain.isDraining) probes = [shutdownProbe(this.drain), ...probes];
    return toIetfHealth(await this.health.check(probes), {
      releaseId: platformVersion(),
      serviceId: this.serviceId,
    });
  }
}
