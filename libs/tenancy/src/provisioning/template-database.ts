import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, LoadingCache } from '@atrium/core';
import { createHash } from 'node:crypto';
import { withDatabase } from '../database/pg-connection';
import { quoteIdent } from '../database/quote-ident';
import { latestTenantMigrationName, migrateTenantDatabase } from '../migrations';
import { DbServers } from '../servers/db-servers';

/**
 * A fully migrated, empty tenant database kept on each server, so a new project is a
 * `CREATE DATABASE … TEMPLATE …` (a file copy) instead of a replay of every migration (DESIGN §4).
 * The name carries the migration version: new code builds a new template and drops the old ones.
 */
@Injectable()
export class TemplateDatabases {
  private readonly logger = new Logger(TemplateDatabases.name);
  /** Per server, the template known to exist (or being built): built once per process, a failure retried. */
  private readonly ready = new LoadingCache<string, { name: string }>({
    max: 1_000,
    load: async (serverName) => ({ name: await this.build(serverName) }),
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly servers: DbServers,
  ) {}

  /** Template names start with the prefix and a second underscore, which no project database can. */
  templatePrefix(): string {
    return `${this.config.tenantDbPrefix}_tpl_`;
  }

  templateName(): string {
    return `${this.templatePrefix()}${this.version()}`;
  }

  /** Spare databases (`SpareDatabases`) of every version: the prefix, then `_spare_`, which no project can. */
  spareRoot(): string {
    return `${this.config.tenantDbPrefix}_spare_`;
  }

  /** The spares copied from the current template carry its version, so a new version never claims them. */
  sparePrefix(): string {
    return `${this.spareRoot()}${this.version()}_`;
  }

  private version(): string {
    return createHash('sha256').update(latestTenantMigrationName()).digest('hex').slice(0, 12);
  }

  /** The template's name on `serverName`, building it first if needed (once per process and server). */
  async ensure(serverName: string): Promise<string> {
    return (await this.ready.get(serverName, undefined)).name;
  }

  /** Forgets what this process knows, e.g. after a template was dropped behind its back. */
  reset(serverName: string): void {
    this.ready.delete(serverName);
  }

  private async build(serverName: string): Promise<string> {
    const name = this.templateName();
    const pool = this.servers.adminPool(serverName);
    if (await this.exists(serverName, name)) return name;

    // One builder per server across every API instance: the lock lives on one session until it is released.
    const lockKey = `atrium:template:${this.config.tenantDbPrefix}`;
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
      if (await this.exists(serverName, name)) return name;
      const building = `${name}_b`;
      // A crash during an earlier build leaves a half-made database under the building name: start over.
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(building)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${quoteIdent(building)}`);
      const started = Date.now();
      await migrateTenantDatabase({
        connectionString: withDatabase(this.servers.get(serverName).url, building),
      });
      // The rename is atomic: a template either exists complete under its final name or not at all.
      await client.query(`ALTER DATABASE ${quoteIdent(building)} RENAME TO ${quoteIdent(name)}`);
      this.logger.log(
        { server: serverName, template: name, ms: Date.now() - started },
        'tenant template database built',
      );
      await this.dropStale(serverName, name);
      return name;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
      client.release();
    }
  }

  private async exists(serverName: string, name: string): Promise<boolean> {
    const result = await this.servers
      .adminPool(serverName)
      .query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return (result.rowCount ?? 0) > 0;
  }

  /** Templates of earlier versions, and the spares copied from them, are no longer needed once the current one exists. */
  private async dropStale(serverName: string, current: string): Promise<void> {
    const pool = this.servers.adminPool(serverName);
    const stale = await pool.query<{ datname: string }>(
      `SELECT datname FROM pg_database
       WHERE (starts_with(datname, $1) AND datname <> $2 AND datname NOT LIKE '%\\_b')
          OR (starts_with(datname, $3) AND NOT starts_with(datname, $4))`,
      [this.templatePrefix(), current, this.spareRoot(), this.sparePrefix()],
    );
    for (const { datname } of stale.rows) {
      await pool.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)}`).catch((error: Error) => {
        this.logger.warn(
          { template: datname, err: { message: error.message } },
          'could not drop a stale template',
        );
      });
    }
  }
}
