import { platformVersion } from '@atrium/core';
import { readSchemaOverview, toSnapshot } from '@atrium/schema';
import { TENANT_MIGRATIONS_TABLE } from '@atrium/tenant-migrations';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { StorageDriver } from '@atrium/files';
import type { ClientBase } from 'pg';
import { ArchiveEntry, type ArchiveSink, fileArchiveEntry, writeArchive } from './backup-archive';
import {
  BackedUpFile,
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

/** The newest migration the database itself records (the registry's copy can lag behind it). */
async function lastTenantMigration(client: ClientBase): Promise<string | null> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT name FROM public.${TENANT_MIGRATIONS_TABLE} ORDER BY timestamp DESC LIMIT 1`,
  );
  return rows[0]?.name ?? null;
}

export interface BackupSource {
  key: string;
  name: string;
  /** A connection to the project's database, used for one read-only snapshot transaction. */
  client: ClientBase;
  /** The project's storage in every configured location (`FileStorage.forProject`). */
  storage: ReadonlyArray<{ location: string; driver: StorageDriver }>;
}

/** The project's stored objects of every location, each opened only when the archive reaches it. */
async function* fileEntries(
  storage: BackupSource['storage'],
  found: BackedUpFile[],
): AsyncGenerator<ArchiveEntry> {
  for (const { location, driver } of storage) {
    for (const name of await driver.list('')) {
      yield {
        name: fileEntry({ location, name }),
        open: async () => {
          // Gone since it was listed (deleted meanwhile): not part of the backup.
          const object = await driver.open(name);
          if (!object) return null;
          found.push({ location, name, size: object.size });
          return { size: object.size, stream: object.read() };
        },
      };
    }
  }
}

/**
 * Writes one consistent backup of a project into `sink`: every table is read in the same REPEATABLE READ
 * transaction (one snapshot of the database, however long it takes, without blocking writers), along with
 * the schema snapshot, then the project's objects in every storage location, streamed (S3 too), and the
 * manifest last. `progress` gets 0…1 as tables are copied.
 */
export async function writeProjectBackup(
  source: BackupSource,
  sink: ArchiveSink,
  progress: (done: number) => void = () => undefined,
): Promise<{ size: number; manifest: BackupManifest }> {
  const work = await mkdtemp(path.join(tmpdir(), 'atrium-backup-'));
  try {
    const { client } = source;
    const entries: ArchiveEntry[] = [];
    const tables: BackedUpTable[] = [];
    let tenantMigration: string | null = null;
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      tenantMigration = await lastTenantMigration(client);
      const snapshot = toSnapshot(await readSchemaOverview(client), platformVersion());
      await writeFile(path.join(work, 'snapshot.json'), JSON.stringify(snapshot));
      entries.push(fileArchiveEntry(SNAPSHOT_ENTRY, path.join(work, 'snapshot.json')));
      const listed = await listTables(client);
      for (const [index, table] of listed.entries()) {
        const file = path.join(work, `table-${index}.copy`);
        const summary = await copyTableToFile(client, table.name, table.columns, file);
        tables.push({ name: table.name, columns: table.columns, ...summary });
        entries.push(fileArchiveEntry(tableEntry(table.name), file));
        progress(((index + 1) / listed.length) * 0.9);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    const files: BackedUpFile[] = [];
    const manifest: BackupManifest = {
      format: 2,
      project: { key: source.key, name: source.name },
      created_at: new Date().toISOString(),
      tenant_migration: tenantMigration,
      tables,
      files,
    };
    // Last, so it lists exactly the files that went in.
    const manifestEntry: ArchiveEntry = {
      name: MANIFEST_ENTRY,
      open: async () => {
        const file = path.join(work, MANIFEST_ENTRY);
        await writeFile(file, JSON.stringify(manifest, null, 2));
        return fileArchiveEntry(MANIFEST_ENTRY, file).open();
      },
    };
    async function* everything(): AsyncGenerator<ArchiveEntry> {
      yield* entries;
      yield* fileEntries(source.storage, files);
      yield manifestEntry;
    }
    const { size } = await writeArchive(sink, everything());
    progress(1);
    return { size, manifest };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
