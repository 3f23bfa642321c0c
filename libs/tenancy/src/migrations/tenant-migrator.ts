import { TENANT_MIGRATIONS, TENANT_MIGRATIONS_TABLE } from '@atrium/tenant-migrations';
import { DataSource, MigrationExecutor } from 'typeorm';
import { tenantMigrationNames } from './tenant-migration-names';

/** The smallest thing that can run one SQL statement: a `pg` Pool or Client, or a TypeORM QueryRunner. */
export interface TenantSqlClient {
  query: (sql: string) => Promise<{ rows: unknown[] }>;
}

export interface MigrateTenantDatabaseOptions {
  connectionString: string;
  logger?: { log(message: string): void };
  /** Stop after this migration (a restore rebuilding an older backup's database); default: the newest. */
  through?: string;
}

/**
 * Session-level advisory lock key; advisory locks are scoped to the current database, so tenants on the same
 * server never wait for each other.
 */
const LOCK_KEY_SQL = "hashtext('atrium:tenant-migrations')";

const UNDEFINED_TABLE = '42P01';

let knownNames: string[] | undefined;

function allMigrationNames(): string[] {
  knownNames ??= tenantMigrationNames(TENANT_MIGRATIONS);
  return knownNames;
}

/** Every tenant migration's name, oldest first. */
export function tenantMigrationNamesInOrder(): readonly string[] {
  return allMigrationNames();
}

/** The name of the newest tenant migration: the version a fully migrated tenant database is at. */
export function latestTenantMigrationName(): string {
  const names = allMigrationNames();
  return names[names.length - 1];
}

/**
 * Names of the tenant migrations the database behind `client` has not recorded yet, oldest first; all of them
 * when it has never been migrated. One query, meant for the moment a tenant pool is first opened.
 */
export async function pendingTenantMigrations(client: TenantSqlClient): Promise<string[]> {
  let rows: unknown[];
  try {
    ({ rows } = await client.query(`SELECT name FROM public.${TENANT_MIGRATIONS_TABLE}`));
  } catch (error) {
    // No bookkeeping table yet means a database nothing was ever applied to; any other failure is real.
    if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return [...allMigrationNames()];
    throw error;
  }
  const applied = new Set(rows.map((row) => (row as { name: string }).name));
  return allMigrationNames().filter((name) => !applied.has(name));
}

/**
 * Applies the pending tenant migrations to one tenant database, each in its own transaction, and returns the
 * names applied (empty when it was up to date). Concurrent callers on the same database — two API instances
 * opening the same tenant, a CLI fan-out racing a request — queue on an advisory lock held by the migrating
 * session, so every migration runs exactly once. Errors propagate; the connection is always closed.
 */
export async function migrateTenantDatabase(options: MigrateTenantDatabaseOptions): Promise<string[]> {
  const all = allMigrationNames(); // validates the list before touching the database
  const last = options.through === undefined ? all.length - 1 : all.indexOf(options.through);
  if (last === -1) throw new Error(`unknown tenant migration ${options.through}`);
  const names = all.slice(0, last + 1);
  const startedAt = Date.now();
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.connectionString,
    schema: 'public',
    applicationName: 'atrium-tenant-migrator',
    migrations: TENANT_MIGRATIONS.slice(0, names.length),
    migrationsTableName: TENANT_MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    entities: [],
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    logging: false,
    // One connection: the lock, the bookkeeping and every migration share a single session.
    poolSize: 1,
  });

  await dataSource.initialize();
  try {
    const queryRunner = dataSource.createQueryRunner();
    try {
      await queryRunner.connect();
      await queryRunner.query(`SELECT pg_advisory_lock(${LOCK_KEY_SQL})`);
      try {
        // DataSource.runMigrations would take its own connection; handing the executor ours keeps the run
        // inside the locked session (and, with a pool of one, avoids waiting on ourselves).
        const executor = new MigrationExecutor(dataSource, queryRunner);
        executor.transaction = 'each';
        const applied = (await executor.executePendingMigrations()).map((migration) => migration.name);
        if (applied.length > 0) {
          options.logger?.log(
            `Applied ${applied.length} tenant migration(s) to ${databaseName(options.connectionString)} ` +
              `in ${Date.now() - startedAt} ms, now at ${names[names.length - 1]}: ${applied.join(', ')}`,
          );
        }
        return applied;
      } finally {
        await unlock(queryRunner);
      }
    } finally {
      await queryRunner.release();
    }
  } finally {
    await dataSource.destroy();
  }
}

/** Releasing is best effort: if the session broke, PostgreSQL already dropped the lock with it. */
async function unlock(queryRunner: { query: (sql: string) => Promise<unknown> }): Promise<void> {
  try {
    await queryRunner.query(`SELECT pg_advisory_unlock(${LOCK_KEY_SQL})`);
  } catch {
    // The original error (if any) is the one worth propagating; the pool is destroyed right after anyway.
  }
}

/** The database name for log lines; never the connection string, which may carry a password. */
function databaseName(connectionString: string): string {
  try {
    return decodeURIComponent(new URL(connectionString).pathname.slice(1)) || '(default database)';
  } catch {
    return '(tenant database)';
  }
}
