export {
  latestTenantMigrationName,
  migrateTenantDatabase,
  pendingTenantMigrations,
  tenantMigrationNamesInOrder,
  type MigrateTenantDatabaseOptions,
  type TenantSqlClient,
} from './tenant-migrator';
