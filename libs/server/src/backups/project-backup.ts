import { platformVersion } from '@atrium/core';
import { readSchemaOverview, toSnapshot } from '@atrium/schema';
import { TENANT_MIGRATIONS_TABLE } from '@atrium/tenant-migrations';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ClientBase } from 'pg';
import { ArchiveEntry, writeArchive } from './backup-archive';
import {
  BackedUpTable,
  BackupManifest,
  fileEntry,
  MANIFEST_ENTRY,
  SNAPSHOT_ENTRY,
  tableEntry,
} from './backup-manifest';
import { copyTableToFile } from './table-copy';

/** The project's tables (the migrations ledger excepted: a restore's database has its own) and their columns. */
export async function listTables(client: ClientBase): Promise<Array<{ name: string; columns: string[] }>> {
  const { rows } = await client.query<{ table_name: string; columns: string[] }>(
    `SELECT c.table_name, array_agg(c.column_name::text ORDER BY c.ordinal_position) AS columns
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> $1
        AND c.is_generated = 'NEVER'
      GROUP BY c.table_name ORDER BY c.table_name`,
    [TENANT_MIGRATIONS_TABLE],
  );
  return rows.map((row) => ({ name: row.table_name, columns: row.columns }));
}

async function filesUnder(
  root: string,
  prefix = '',
): Promise<Array<{ path: string; file: string; size: number }>> {
  let names;
  try {
    names = await readdir(path.join(root, prefix), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: Array<{ path: string; file: string; size: number }> = [];
  for (const entry of names) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    const file = path.join(root, relative);
    if (entry.isDirectory()) found.push(...(await filesUnder(root, relative)));
    else if (entry.isFile()) found.push({ path: relative, file, size: (await stat(file)).size });
  }
  return found;
}

export interface BackupSource {
  key: string;
  name: string;
  tenantMigration: string | null;
  /** A connection to the project's database, used for one read-only snapshot transaction. */
  client: ClientBase;
  /** The project's local file storage. */
  storageRoot: string;
}

/**
 * Writes one consistent backup of a project to `archive`: every table is read in the same REPEATABLE READ
 * transaction (one snapshot of the database, however long it takes, without blocking writers), along with
 * the schema snapshot, then the project's files. `progress` gets 0…1 as tables are copied.
 */
export async function writeProjectBackup(
  source: BackupSource,
  archive: string,
  progress: (done: number) => void = () => undefined,
): Promise<{ size: number; manifest: BackupManifest }> {
  const work = await mkdtemp(path.join(tmpdir(), 'atrium-backup-'));
  try {
    const { client } = source;
    const entries: ArchiveEntry[] = [];
    const tables: BackedUpTable[] = [];
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const snapshot = toSnapshot(await readSchemaOverview(client), platformVersion());
      await writeFile(path.join(work, 'snapshot.json'), JSON.stringify(snapshot));
      entries.push({ name: SNAPSHOT_ENTRY, file: path.join(work, 'snapshot.json') });
      const listed = await listTables(client);
      for (const [index, table] of listed.entries()) {
        const file = path.join(work, `table-${index}.copy`);
        const summary = await copyTableToFile(client, table.name, table.columns, file);
        tables.push({ name: table.name, columns: table.columns, ...summary });
        entries.push({ name: tableEntry(table.name), file });
        progress(((index + 1) / listed.length) * 0.9);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    const files = await filesUnder(source.storageRoot);
    for (const file of files) entries.push({ name: fileEntry(file.path), file: file.file });
    const manifest: BackupManifest = {
      format: 1,
      project: { key: source.key, name: source.name },
      created_at: new Date().toISOString(),
      tenant_migration: source.tenantMigration,
      tables,
      files: files.map(({ path: relative, size }) => ({ path: relative, size })),
    };
    await writeFile(path.join(work, MANIFEST_ENTRY), JSON.stringify(manifest, null, 2));
    const size = await writeArchive(archive, [
      { name: MANIFEST_ENTRY, file: path.join(work, MANIFEST_ENTRY) },
      ...entries,
    ]);
    progress(1);
    return { size, manifest };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
