import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DbServerConfig, serviceUnavailable } from '@atrium/core';
import { Pool } from 'pg';
import { failQueriesOnServerLoss, poolConfig, withDatabase } from '../database/pg-connection';

/**
 * The PostgreSQL servers that hold tenant databases (TENANT_DB_SERVERS), each with a tiny maintenance pool
 * on its `postgres` database for CREATE/DROP DATABASE, sizes and health checks.
 */
@Injectable()
export class DbServers implements OnApplicationShutdown {
  private readonly logger = new Logger(DbServers.name);
  private readonly adminPools = new Map<string, Pool>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  list(): DbServerConfig[] {
    return this.config.tenantDbServers;
  }

  /** The server a project lives on; a registry row naming a server no longer configured is an outage. */
  get(name: string): DbServerConfig {
    const server = this.config.tenantDbServers.find((candidate) => candidate.name === name);
    if (!server) {
      this.logger.error({ server: name }, 'project database server is not in TENANT_DB_SERVERS');
      throw serviceUnavailable('database', 'The project database server is not configured.');
    }
    return server;
  }

  tenantUrl(serverName: string, database: string): string {
    return withDatabase(this.get(serverName).url, database);
  }

  /**
   * The server for a new project: the one with the fewest projects (ties: the first configured). `counts`
   * is asked only when there is a choice, so a single-server platform provisions without counting.
   */
  async leastLoaded(counts: () => Promise<Map<string, number>>): Promise<DbServerConfig> {
    if (this.config.tenantDbServers.length === 1) return this.config.tenantDbServers[0];
    const projectCounts = await counts();
    return this.config.tenantDbServers.reduce((best, server) =>
      (projectCounts.get(server.name) ?? 0) < (projectCounts.get(best.name) ?? 0) ? server : best,
    );
  }

  adminPool(serverName: string): Pool {
    let pool = this.adminPools.get(serverName);
    if (!pool) {
      pool = new Pool(
        poolConfig(withDatabase(this.get(serverName).url, 'postgres'), {
          max: 2,
          applicationName: 'atrium:admin',
          connectTimeoutMs: this.config.tenantPool.connectTimeoutMs,
          // CREATE DATABASE copies files: allow it more time than a request's query.
          statementTimeoutMs: 120_000,
          idleMs: 30_000,
        }),
      );
      pool.on('error', (error) =>
        this.logger.warn({ err: { message: error.message }, server: serverName }, 'admin pool error'),
      );
      // Checked-out clients too (pg's pool listens on idle ones only): a lost server fails the query instead.
      pool.on('connect', failQueriesOnServerLoss);
      this.adminPools.set(serverName, pool);
    }
    return pool;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.adminPools.values()].map((pool) => pool.end().catch(() => undefined)));
    this.adminPools.clear();
  }
}
