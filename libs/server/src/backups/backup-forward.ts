import { migrateTenantDatabase, withPgClient } from '@atrium/tenancy';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { listTables } from './project-backup';
import { LoadableTable, loadBackupRows, OpenedBackup } from './project-restore';
import { copyTableToFile } from './table-copy';

/** An empty database to migrate a backup's rows in, dropped once they are out. */
export interface ScratchDatabase {
  url: string;
  create(): Promise<void>;
  drop(): Promise<void>;
}

/**
 * The tables of a backup taken at an older tenant migration, brought to the newest one as if the project had
 * lived on: a scratch database is migrated to the backup's migration, the backup's rows of the tables it then
 * has (the platform's own — migrations make no others) are loaded into it and checked, the later migrations
 * run over them, and what they leave replaces those tables. The project's collections pass through as they
 * are: migrations never touch them. Tables a later migration added (and filled from the rows) come along.
 */
export async function forwardBackupTables(
  backup: OpenedBackup,
  scratch: ScratchDatabase,
): Promise<LoadableTable[]> {
  const from = backup.manifest.tenant_migration;
  if (from === null) throw new Error('the backup names no tenant migration');
  const directory = path.join(backup.directory, 'forwarded');
  await mkdir(directory, { recursive: true });
  await scratch.create();
  try {
    await migrateTenantDatabase({ connectionString: scratch.url, through: from });
    const platformTables = await withPgClient({ connectionString: scratch.url }, async (client) => {
      const names = new Set((await listTables(client)).map((table) => table.name));
      await loadBackupRows(
        client,
        backup.tables.filter((table) => names.has(table.name)),
      );
      return names;
    });
    await migrateTenantDatabase({ connectionString: scratch.url });
    const forwarded = await withPgClient({ connectionString: scratch.url }, async (client) => {
      const tables: LoadableTable[] = [];
      for (const [index, table] of (await listTables(client)).entries()) {
        const file = path.join(directory, `table-${index}.copy`);
        const summary = await copyTableToFile(client, table.name, table.columns, file);
        tables.push({ name: table.name, columns: table.columns, ...summary, file });
      }
      return tables;
    });
    return [...backup.tables.filter((table) => !platformTables.has(table.name)), ...forwarded];
  } finally {
    await scratch.drop();
  }
}
