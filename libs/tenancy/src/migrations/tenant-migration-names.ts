import type { MigrationInterface } from 'typeorm';

/** TypeORM reads a migration's timestamp from the last 13 digits of its name and refuses names without them. */
const TIMESTAMP_SUFFIX = /(\d{13})$/;

/**
 * The names TypeORM records for `migrations`, checked so that a badly appended migration fails loudly at
 * start-up rather than half-way through a fan-out: every name ends in a 13-digit timestamp, strictly increasing
 * along the list (TypeORM orders by timestamp, we report by list position: both must agree, and distinct
 * timestamps also make the names unique).
 */
export function tenantMigrationNames(migrations: ReadonlyArray<new () => MigrationInterface>): string[] {
  const names: string[] = [];
  let previous = -1;
  for (const Migration of migrations) {
    const name = new Migration().name ?? Migration.name;
    const suffix = TIMESTAMP_SUFFIX.exec(name);
    if (!suffix) throw new Error(`Tenant migration "${name}" must end with a 13-digit timestamp.`);
    const timestamp = Number(suffix[1]);
    if (timestamp <= previous) {
      throw new Error(`Tenant migration "${name}" is out of order: timestamps must increase along the list.`);
    }
    previous = timestamp;
    names.push(name);
  }
  return names;
}
