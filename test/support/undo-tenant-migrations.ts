import { TENANT_MIGRATIONS, TENANT_MIGRATIONS_TABLE } from '@atrium/tenant-migrations';
import { DataSource } from 'typeorm';

/** Runs the `down` of the newest `count` tenant migrations on a database, as TypeORM's revert does. */
export async function undoTenantMigrations(url: string, count = TENANT_MIGRATIONS.length): Promise<void> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema: 'public',
    migrations: TENANT_MIGRATIONS,
    migrationsTableName: TENANT_MIGRATIONS_TABLE,
    poolSize: 1,
  });
  await dataSource.initialize();
  try {
    for (let i = 0; i < count; i++) await dataSource.undoLastMigration();
  } finally {
    await dataSource.destroy();
  }
}
