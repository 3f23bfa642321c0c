import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { Client, Pool } from 'pg';
import { poolConfig, withPgClient } from '../database/pg-connection';
import { latestTenantMigrationName, migrateTenantDatabase, pendingTenantMigrations } from '../migrations';
import { ProjectEntity } from '../registry/project.entity';
import { ProjectRegistry } from '../registry/project-registry';
import { DbServers } from '../servers/db-servers';
import { InvalidationBus } from '@atrium/redis';
import { ConnectionBudget } from './connection-budget';
import { checkConnectionBudget } from './connection-budget-check';
import { POOL_EVICT_TOPIC } from './pool-evict-topic';
import { PoolLease, PoolLeases } from './pool-leases';
import { tenantClientClass } from './tenant-client';

/** Pool openings and closings since start, and connections opened: how much churn a load causes. */
export interface TenantPoolCounts {
  poolsOpened: number;
  poolsClosed: number;
  connectionsOpened: number;
  connectionsOpen: number;
  migrationChecks: number;
}

/** A project's pool right now: its connections open, idle and waited for, and the requests holding it. */
export interface TenantPoolState {
  project: string;
  /** False while the pool is still opening (and migrating its database). */
  open: boolean;
  connections: number;
  idle: number;
  waiting: number;
  leases: number;
  lastUsed: Date;
  draining: boolean;
}

/** The pool table as a whole, against its limits. */
export interface TenantPoolSummary {
  poolsOpen: number;
  poolsMax: number;
  connectionsOpen: number;
  connectionsMax: number;
  poolSize: number;
}

/**
 * The one place that makes tenant pools (STYLE.md #3). Pools are small, opened once per project however many
 * requests arrive together, kept under a cap and closed when idle. A pool starts with no connection and
 * grows one at a time, only while its project has concurrent work, and all pools draw their connections
 * from one `ConnectionBudget` (TENANT_CONNECTIONS_MAX): under pressure the coldest pools' idle connections
 * are closed first, so the hot projects keep theirs and the server's max_connections is never reached. Users lease a pool and give it back
 * (`PoolLeases`): a pool is only ever closed with no lease out, and a request that finds every place busy
 * waits for one. Opening a pool also brings the project's database to the current tenant migration.
 * Pools belong to one provisioning of a project (DESIGN §6): a project re-created under the same key gets a
 * new pool, never the old one's connections or its migration state.
 */
@Injectable()
export class TenantConnectionManager implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TenantConnectionManager.name);
  private readonly pools: PoolLeases<Pool, ProjectEntity>;
  private readonly budget: ConnectionBudget;
  private readonly clientClass: ReturnType<typeof tenantClientClass>;
  /** Idle connections of a pool being taken out to be closed (they still count in its idleCount). */
  private readonly closingIdle = new WeakMap<Pool, number>();
  /** Connections of a pool that are open (each holds a budget slot until it ends). */
  private readonly connected = new WeakMap<Pool, number>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly counts = { poolsOpened: 0, poolsClosed: 0, migrationChecks: 0 };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly servers: DbServers,
    private readonly registry: ProjectRegistry,
    bus: InvalidationBus,
  ) {
    this.budget = new ConnectionBudget({
      max: config.tenantPool.connectionsMax,
      waitMs: config.tenantPool.connectTimeoutMs,
      reclaimIdle: () => this.closeOneIdleConnection(),
    });
    this.clientClass = tenantClientClass({
      budget: this.budget,
      preparedStatementsMax: config.tenantPool.preparedStatementsMax,
    });
    this.pools = new PoolLeases<Pool, ProjectEntity>({
      capacity: config.tenantPool.poolsMax,
      waitMs: config.tenantPool.connectTimeoutMs,
      open: (project) => this.open(project),
      close: async (pool, key, reason) => {
        this.budget.closing(this.connected.get(pool) ?? 0);
        await pool.end();
        this.counts.poolsClosed++;
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
    return withPgClient(
      {
        connectionString: this.servers.tenantUrl(project.dbServer, project.dbName),
        application_name: `atrium-background:${project.key}`,
        connectionTimeoutMillis: connectTimeoutMs,
        statement_timeout: statementTimeoutMs,
      },
      work,
    );
  }

  /** Closes a project's pool (deleted, suspended): new users get a new one, current ones finish first. */
  evict(key: string, reason = 'requested'): void {
    this.pools.retire(key, reason);
  }

  /** Pools in the table, for health and tests. */
  openPools(): number {
    return this.pools.size;
  }

  /** Each project's pool, most recently used first: what the health dashboard shows. */
  poolStates(): TenantPoolState[] {
    return this.pools
      .places()
      .reverse()
      .map(({ key, pool, leases, lastUsed, draining }) => ({
        project: key,
        open: pool !== undefined,
        connections: pool?.totalCount ?? 0,
        idle: pool?.idleCount ?? 0,
        waiting: pool?.waitingCount ?? 0,
        leases,
        lastUsed: new Date(lastUsed),
        draining,
      }));
  }

  poolSummary(): TenantPoolSummary {
    const { poolsMax, connectionsMax, size } = this.config.tenantPool;
    return {
      poolsOpen: this.pools.size,
      poolsMax,
      connectionsOpen: this.budget.inUse,
      connectionsMax,
      poolSize: size,
    };
  }

  /** Churn since start, for tests, metrics and the bench. */
  poolCounts(): TenantPoolCounts {
    return {
      ...this.counts,
      connectionsOpened: this.budget.openedTotal,
      connectionsOpen: this.budget.inUse,
    };
  }

  /** A budget larger than a server allows fails requests later; say so at start, in the log. */
  onApplicationBootstrap(): void {
    for (const server of this.servers.list()) {
      void checkConnectionBudget(this.servers.adminPool(server.name), this.config).then(
        (problem) => {
          if (problem) this.logger.warn({ server: server.name, ...problem.facts }, problem.message);
        },
        (error: Error) =>
          this.logger.debug({ server: server.name, err: { message: error.message } }, 'budget check skipped'),
      );
    }
  }

  /**
   * Someone waits for a connection slot: closes one idle connection, least recently used pool first, and
   * only from a pool none of whose own requests wait. A pool's spare connections go before any pool's last
   * one — a hot pool keeps what its bursts opened until the idle timeout, and taking a cold pool's only
   * connection would make its next request open one again.
   */
  private closeOneIdleConnection(): boolean {
    const pools = this.pools.coldestFirst();
    const spare = (pool: Pool, keep: number) =>
      pool.waitingCount === 0 &&
      pool.idleCount - (this.closingIdle.get(pool) ?? 0) > 0 &&
      pool.totalCount > keep;
    const victim = pools.find((pool) => spare(pool, 1)) ?? pools.find((pool) => spare(pool, 0));
    if (!victim) return false;
    this.closingIdle.set(victim, (this.closingIdle.get(victim) ?? 0) + 1);
    const done = () => this.closingIdle.set(victim, (this.closingIdle.get(victim) ?? 1) - 1);
    // Checking out takes an idle client; releasing it with an error closes it instead of keeping it.
    victim.connect().then(
      (client) => {
        done();
        client.release(true);
      },
      () => {
        done();
        this.budget.notClosing();
      },
    );
    return true;
  }

  private async open(project: ProjectEntity): Promise<Pool> {
    const connectionString = this.servers.tenantUrl(project.dbServer, project.dbName);
    const { size, connectTimeoutMs, statementTimeoutMs, idleMs } = this.config.tenantPool;
    const pool = new Pool({
      ...poolConfig(connectionString, {
        max: size,
        applicationName: `atrium:${project.key}`,
        connectTimeoutMs,
        statementTimeoutMs,
        idleMs,
      }),
      // pg's typings take a no-argument constructor; pg-pool passes the pool's options to it.
      Client: this.clientClass as unknown as new () => Client,
    });
    this.counts.poolsOpened++;
    this.logger.debug({ project: project.key, openPools: this.pools.size }, 'tenant pool opened');
    pool.on('connect', (client) => {
      this.connected.set(pool, (this.connected.get(pool) ?? 0) + 1);
      // pg's pool listens for errors only on idle clients: one held by a request between two queries when
      // PostgreSQL goes away would emit 'error' with no listener and crash the process. The request's next
      // query fails (503) and the client is discarded on release.
      client.on('error', (error) =>
        this.logger.debug({ err: { message: error.message }, project: project.key }, 'tenant client lost'),
      );
    });
    pool.on('remove', () => this.connected.set(pool, Math.max(0, (this.connected.get(pool) ?? 0) - 1)));
    // An idle client killed by a PostgreSQL restart emits 'error' on the pool: log it, never crash.
    pool.on('error', (error) =>
      this.logger.warn({ err: { message: error.message }, project: project.key }, 'tenant pool client error'),
    );
    // A connection going back idle is one a waiting request elsewhere can have.
    // (After the release returns, once pg has put it in the pool's idle list; nothing to do if nobody waits.)
    pool.on('release', () => {
      if (this.budget.waiting > 0) queueMicrotask(() => this.budget.idleAppeared());
    });
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
    this.counts.migrationChecks++;
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
