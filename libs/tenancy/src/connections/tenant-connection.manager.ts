import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { Pool } from 'pg';
import { poolConfig } from '../database/pg-connection';
import { latestTenantMigrationName, migrateTenantDatabase, pendingTenantMigrations } from '../migrations';
import { ProjectEntity } from '../registry/project.entity';
import { ProjectInstanceCache } from '../registry/project-instance-cache';
import { ProjectRegistry } from '../registry/project-registry';
import { DbServers } from '../servers/db-servers';
import { InvalidationBus } from '@atrium/redis';
import { POOL_EVICT_TOPIC } from './pool-evict-topic';

interface PoolEntry {
  pool: Promise<Pool>;
  lastUsed: number;
}

/**
 * The one place that makes tenant pools (STYLE.md #3). Pools are small, opened once per project however many
 * requests arrive together (the pending promise is shared), kept in least-recently-used order under a cap,
 * and closed when idle, so connections stay bounded by TENANT_POOL_SIZE × TENANT_POOLS_MAX whatever the
 * number of projects. Opening a pool also brings the project's database to the current tenant migration.
 * Pools belong to one provisioning of a project (DESIGN §6): a project re-created under the same key gets a
 * new pool, never the old one's connections or its migration state.
 */
@Injectable()
export class TenantConnectionManager implements OnApplicationShutdown {
  private readonly logger = new Logger(TenantConnectionManager.name);
  /** In recency order: a touched entry is moved to the end, the first one is the LRU. */
  private readonly entries = new ProjectInstanceCache<PoolEntry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly servers: DbServers,
    private readonly registry: ProjectRegistry,
    bus: InvalidationBus,
  ) {
    bus.on(POOL_EVICT_TOPIC, (key) => void this.evict(key, 'project closed'));
    const every = Math.max(500, Math.min(30_000, Math.floor(config.tenantPool.idleMs / 2)));
    this.sweeper = setInterval(() => this.evictIdle(), every);
    this.sweeper.unref();
  }

  get(project: ProjectEntity): Promise<Pool> {
    const existing = this.entries.get(project);
    if (existing) {
      existing.lastUsed = Date.now();
      return existing.pool;
    }
    const entry: PoolEntry = { pool: this.open(project), lastUsed: Date.now() };
    const replaced = this.entries.set(project, entry);
    // The key's previous provisioning (deleted, its eviction message missed or still on its way).
    if (replaced) void this.close(project.key, replaced, 'project re-created');
    entry.pool.catch(() => this.entries.delete(project.key, entry));
    while (this.entries.size > this.config.tenantPool.poolsMax) {
      void this.evict(this.entries.oldestKey() as string, 'capacity');
    }
    return entry.pool;
  }

  /** Closes a project's pool (deleted, suspended or evicted). In-flight queries finish first. */
  async evict(key: string, reason = 'requested'): Promise<void> {
    const entry = this.entries.delete(key);
    if (entry) await this.close(key, entry, reason);
  }

  private async close(key: string, entry: PoolEntry, reason: string): Promise<void> {
    try {
      const pool = await entry.pool;
      await pool.end();
      this.logger.debug({ project: key, reason }, 'tenant pool closed');
    } catch {
      // A pool that never opened, or ended twice while draining: nothing left to close.
    }
  }

  /** Open pools and their connection counts, for health and tests. */
  openPools(): number {
    return this.entries.size;
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

  private evictIdle(): void {
    const threshold = Date.now() - this.config.tenantPool.idleMs;
    for (const [key, entry] of this.entries.entries()) {
      if (entry.lastUsed < threshold) void this.evict(key, 'idle');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.entries.entries()].map(([key]) => this.evict(key, 'shutdown')));
  }
}
