export {
  latestTenantMigrationName,
  migrateTenantDatabase,
  pendingTenantMigrations,
  type MigrateTenantDatabaseOptions,
  type TenantSqlClient,
} from './tenant-migrator';
