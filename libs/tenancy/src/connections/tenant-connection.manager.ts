import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { Client, Pool } from 'pg';
import { poolConfig } from '../database/pg-connection';
import { latestTenantMigrationName, migrateTenantDatabase, pendingTenantMigrations } from '../migrations';
import { ProjectEntity } from '../registry/project.entity';
import { ProjectRegistry } from '../registry/project-registry';
import { DbServers } from '../servers/db-servers';
import { InvalidationBus } from '@atrium/redis';
import { POOL_EVICT_TOPIC } from './pool-evict-topic';
import { PoolLease, PoolLeases } from './pool-leases';

/**
 * The one place that makes tenant pools (STYLE.md #3). Pools are small, opened once per project however many
 * requests arrive together, kept under a cap and closed when idle, so connections stay bounded by
 * TENANT_POOL_SIZE × TENANT_POOLS_MAX whatever the number of projects. Users lease a pool and give it back
 * (`PoolLeases`): a pool is only ever closed with no lease out, and a request that finds every place busy
 * waits for one. Opening a pool also brings the project's database to the current tenant migration.
 * Pools belong to one provisioning of a project (DESIGN §6): a project re-created under the same key gets a
 * new pool, never the old one's connections or its migration state.
 */
@Injectable()
export class TenantConnectionManager implements OnApplicationShutdown {
  private readonly logger = new Logger(TenantConnectionManager.name);
  private readonly pools: PoolLeases<Pool, ProjectEntity>;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly servers: DbServers,
    private readonly registry: ProjectRegistry,
    bus: InvalidationBus,
  ) {
    this.pools = new PoolLeases<Pool, ProjectEntity>({
      capacity: config.tenantPool.poolsMax,
      waitMs: config.tenantPool.connectTimeoutMs,
      open: (project) => this.open(project),
      close: async (pool, key, reason) => {
        await pool.end();
        this.logger.debug({ project: key, reason }, 'tenant pool closed');
      },
    });
    bus.on(POOL_EVICT_TOPIC, (key) => this.evict(key, 'project closed'));
    const every = Math.max(500, Math.min(30_000, Math.floor(config.tenantPool.idleMs / 2)));
    this.sweeper = setInterval(() => this.pools.retireIdle(config.tenantPool.idleMs), every);
    this.sweeper.unref();
  }

  /**
   * The project's pool, held until `release()`: it is not closed meanwhile, whatever else opens. Waits for a
   * free place (up to TENANT_CONNECT_TIMEOUT_MS, then 503) when every pool is in use.
   */
  lease(project: ProjectEntity): Promise<PoolLease<Pool>> {
    return this.pools.acquire(project);
  }

  /** Runs `work` on the project's pool under a lease given back when it settles. */
  async withPool<T>(project: ProjectEntity, work: (pool: Pool) => Promise<T>): Promise<T> {
    const lease = await this.lease(project);
    try {
      return await work(lease.pool);
    } finally {
      lease.release();
    }
  }

  /**
   * Runs background `work` (measuring a project) on its pool if one is open, else on a connection of its own
   * closed afterwards: a sweep over every project never opens their pools nor evicts busy ones. The project's
   * database is taken as it is (a pool opening is what migrates it).
   */
  async withOpenPoolOrClient<T>(project: ProjectEntity, work: (db: Pool | Client) => Promise<T>): Promise<T> {
    const leased = this.pools.leaseIfOpen(project);
    if (leased) {
      const lease = await leased;
      try {
        return await work(lease.pool);
      } finally {
        lease.release();
      }
    }
    const { connectTimeoutMs, statementTimeoutMs } = this.config.tenantPool;
    const client = new Client({
      connectionString: this.servers.tenantUrl(project.dbServer, project.dbName),
      application_name: `atrium-background:${project.key}`,
      connectionTimeoutMillis: connectTimeoutMs,
      statement_timeout: statementTimeoutMs,
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Closes a project's pool (deleted, suspended): new users get a new one, current ones finish first. */
  evict(key: string, reason = 'requested'): void {
    this.pools.retire(key, reason);
  }

  /** Pools in the table, for health and tests. */
  openPools(): number {
    return this.pools.size;
  }

  private async open(project: ProjectEntity): Promise<Pool> {
    const connectionString = this.servers.tenantUrl(project.dbServer, project.dbName);
    const { size, connectTimeoutMs, statementTimeoutMs, idleMs } = this.config.tenantPool;
    const pool = new Pool(
      poolConfig(connectionString, {
        max: size,
        applicationName: `atrium:${project.key}`,
        connectTimeoutMs,
        statementTimeoutMs,
        idleMs,
      }),
    );
    // An idle client killed by a PostgreSQL restart emits 'error' on the pool: log it, never crash.
    pool.on('error', (error) =>
      this.logger.warn({ err: { message: error.message }, project: project.key }, 'tenant pool client error'),
    );
    try {
      await this.migrateIfBehind(project, pool, connectionString);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return pool;
  }

  /** Lazy upgrade: a project whose database is behind the code's tenant migrations is migrated on first use. */
  private async migrateIfBehind(project: ProjectEntity, pool: Pool, connectionString: string): Promise<void> {
    const latest = latestTenantMigrationName();
    if (project.tenantMigration === latest) return;
    const pending = await pendingTenantMigrations(pool);
    if (pending.length > 0) {
      const applied = await migrateTenantDatabase({ connectionString });
      this.logger.log({ project: project.key, applied }, 'tenant migrations applied on first access');
    }
    await this.registry.update(project.key, { tenantMigration: latest });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.pools.closeAll('shutdown');
  }
}
