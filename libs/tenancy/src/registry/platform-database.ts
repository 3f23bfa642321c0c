import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseOf, failQueriesOnServerLoss, withDatabase } from '../database/pg-connection';
import { quoteIdent } from '../database/quote-ident';
import { PLATFORM_MIGRATIONS } from './platform-migrations';
import { ProjectEntity } from './project.entity';

const logger = new Logger('PlatformDatabase');
const MIGRATION_LOCK = "hashtext('atrium:platform-migrations')";

/** Creates the platform database when the server does not have it yet (a fresh server just works). */
async function ensureDatabaseExists(url: string): Promise<void> {
  const name = databaseOf(url);
  const admin = new Client({
    connectionString: withDatabase(url, 'postgres'),
    connectionTimeoutMillis: 5_000,
  });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // another instance created it meanwhile
      });
      logger.log({ database: name }, 'created the platform database');
    }
  } finally {
    await admin.end();
  }
}

/**
 * Opens the platform database and brings its schema up to date. Several API instances may start at once:
 * an advisory lock lets one migrate while the others wait.
 */
export async function openPlatformDatabase(url: string, poolSize: number): Promise<DataSource> {
  await ensureDatabaseExists(url);
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: [ProjectEntity],
    migrations: PLATFORM_MIGRATIONS,
    migrationsTableName: 'atrium_platform_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName: 'atrium:platform',
    extra: { max: poolSize, connectionTimeoutMillis: 5_000, statement_timeout: 15_000 },
  });
  await dataSource.initialize();
  // Without a listener, an idle client dropped by a PostgreSQL restart would crash the process.
  const driverPool = (
    dataSource.driver as unknown as {
      master?: {
        on(event: 'error', fn: (e: Error) => void): void;
        on(
          event: 'connect',
          fn: (client: { on(event: 'error', fn: (e: Error) => void): void }) => void,
        ): void;
      };
    }
  ).master;
  driverPool?.on('error', (error) => logger.warn({ err: { message: error.message } }, 'platform pool error'));
  // Checked-out clients too (pg's pool listens on idle ones only): a lost server fails the query instead.
  driverPool?.on('connect', failQueriesOnServerLoss);

  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0)
      logger.log({ applied: applied.map((m) => m.name) }, 'platform migrations applied');
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
    await lock.end();
  }
  return dataSource;
}
