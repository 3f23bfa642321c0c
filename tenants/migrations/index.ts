import type { MigrationInterface } from 'typeorm';
import { SystemTables1763900000000 } from './1763900000000-system-tables';
import { SchemaVersion1795400000000 } from './1795400000000-schema-version';
import { StorageUsage1796100000000 } from './1796100000000-storage-usage';
import { ContentVersions1797000000000 } from './1797000000000-content-versions';

/**
 * Every tenant database's migrations, oldest first. To change the tenant schema, add a
 * `<timestamp>-<name>.ts` file beside this one and append its class here; released migrations never change.
 */
export const TENANT_MIGRATIONS: Array<new () => MigrationInterface> = [
  SystemTables1763900000000,
  SchemaVersion1795400000000,
  StorageUsage1796100000000,
  ContentVersions1797000000000,
];

/** Where each tenant database records the migrations it has applied (TypeORM's `migrationsTableName`). */
export const TENANT_MIGRATIONS_TABLE = 'atrium_migrations';
