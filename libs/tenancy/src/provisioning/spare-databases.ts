import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { failQueriesOnServerLoss, withDatabase } from '../database/pg-connection';
import { quoteIdent, quoteLiteral } from '../database/quote-ident';
import { DbServers } from '../servers/db-servers';
import { TemplateDatabases } from './template-database';

/** Spares looked at per claim: more than enough when a few requests race for the same ones. */
const CLAIM_CANDIDATES = 8;
/** What the claim raises when it found no spare to rename (PostgreSQL's `no_data_found`). */
const NO_SPARE = 'P0002';

/**
 * Renames the first spare it can to `dbName`, in one round trip. A spare another session renamed first
 * (`invalid_catalog_name`) or that someone is connected to (`object_in_use`: so it is no spare) is skipped;
 * a taken `dbName` fails as CREATE DATABASE would (42P04). A `DO` block takes no parameters: both names are
 * literals here, the prefix from the configuration and `dbName` from a validated project key.
 */
function claimSql(sparePrefix: string, dbName: string): string {
  return `DO $claim$
    DECLARE spare text;
    BEGIN
      FOR spare IN SELECT datname FROM pg_database WHERE starts_with(datname, ${quoteLiteral(sparePrefix)})
                   ORDER BY oid LIMIT ${CLAIM_CANDIDATES} LOOP
        BEGIN
          EXECUTE format('ALTER DATABASE %I RENAME TO %I', spare, ${quoteLiteral(dbName)});
          RETURN;
        EXCEPTION WHEN invalid_catalog_name OR object_in_use THEN
          -- the next one
        END;
      END LOOP;
      RAISE EXCEPTION 'no spare database' USING ERRCODE = '${NO_SPARE}';
    END
  $claim$`;
}

/**
 * A few copies of the current template kept ready on each server (TENANT_SPARE_DATABASES), so provisioning
 * claims one with `ALTER DATABASE … RENAME` (a catalog update, about a millisecond) instead of copying the
 * template while the request waits; the copying happens here, in the background, after each claim.
 *
 * A spare is exactly a fresh copy: nothing ever connects to one before it is claimed (a connection would
 * also make the rename fail), and the project's own rows are written only after the claim. Spares carry the
 * template's version in their name, so a new tenant version never claims an old copy, and they sit under
 * the tenant prefix like the template, so whatever drops a platform's databases drops its spares too.
 */
@Injectable()
export class SpareDatabases implements OnApplicationShutdown {
  private readonly logger = new Logger(SpareDatabases.name);
  /** Per server, the top-up running now; a claim during one asks for another pass when it ends. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  /** Per server, the provisionings of this process under way: copying waits until none is. */
  private readonly busy = new Map<string, number>();
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly servers: DbServers,
    private readonly templates: TemplateDatabases,
  ) {}

  /** Renames a ready spare on `serverName` to `dbName`; false when none is left (the caller copies the template). */
  async claim(serverName: string, dbName: string): Promise<boolean> {
    if (this.config.tenantSpareDatabases === 0) return false;
    try {
      await this.servers.adminPool(serverName).query(claimSql(this.templates.sparePrefix(), dbName));
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === NO_SPARE) return false;
      throw error;
    }
  }

  /**
   * Marks a provisioning on `serverName` as under way until the answered function is called; then the
   * spares are topped up, once no provisioning is left. A copy of the template writes megabytes of WAL:
   * made during a provisioning, it would hold up that provisioning's own commits.
   */
  hold(serverName: string): () => void {
    this.busy.set(serverName, (this.busy.get(serverName) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.busy.get(serverName) ?? 1) - 1;
      if (left > 0) {
        this.busy.set(serverName, left);
        return;
      }
      this.busy.delete(serverName);
      this.refill(serverName);
    };
  }

  /** Tops `serverName` up to TENANT_SPARE_DATABASES in the background (one pass at a time per server). */
  refill(serverName: string): void {
    if (this.config.tenantSpareDatabases === 0 || this.closing) return;
    if (this.running.has(serverName)) {
      this.again.add(serverName);
      return;
    }
    const run = this.topUp(serverName)
      .catch((error: Error) =>
        this.logger.warn({ server: serverName, err: { message: error.message } }, 'could not make spares'),
      )
      .finally(() => {
        this.running.delete(serverName);
        if (this.again.delete(serverName)) this.refill(serverName);
      });
    this.running.set(serverName, run);
  }

  /** Resolves once no top-up runs (for the bench and tests, which measure with the spares in place). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.settled();
  }

  /**
   * Copies the template until the server has enough spares, on a connection of its own so requests keep
   * the maintenance pool. One instance tops a server up at a time (an advisory lock held by this session):
   * counting and copying from two at once would overshoot.
   */
  private async topUp(serverName: string): Promise<void> {
    const template = await this.templates.ensure(serverName);
    const client = new Client({
      connectionString: withDatabase(this.servers.get(serverName).url, 'postgres'),
      application_name: 'atrium:spares',
      connectionTimeoutMillis: this.config.tenantPool.connectTimeoutMs,
      // A copy of the template takes a while on a busy disk; the maintenance pool allows as long.
      statement_timeout: 120_000,
    });
    failQueriesOnServerLoss(client);
    await client.connect();
    try {
      const lock = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [`atrium:spares:${this.config.tenantDbPrefix}`],
      );
      if (!lock.rows[0].locked) return; // another instance is at it
      // A provisioning that starts meanwhile stops the pass; its end starts the next one.
      while (!this.closing && !this.busy.has(serverName)) {
        const { rows } = await client.query<{ count: string }>(
          'SELECT count(*) AS count FROM pg_database WHERE starts_with(datname, $1)',
          [this.templates.sparePrefix()],
        );
        if (Number(rows[0].count) >= this.config.tenantSpareDatabases) return;
        const name = `${this.templates.sparePrefix()}${randomBytes(6).toString('hex')}`;
        try {
          await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
        } catch (error) {
          // The template vanished behind this process's back: rebuild it on the next need.
          if ((error as { code?: string }).code === '3D000') this.templates.reset(serverName);
          throw error;
        }
      }
    } finally {
      // Ending the session releases the advisory lock.
      await client.end().catch(() => undefined);
    }
  }
}
