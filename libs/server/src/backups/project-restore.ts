import { invalidPayload } from '@atrium/core';
import { quoteIdent } from '@atrium/tenancy';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { ClientBase } from 'pg';
import { extractArchive } from './backup-archive';
import type { StorageDriver } from '@atrium/files';
import {
  BackedUpTable,
  BackupManifest,
  fileEntry,
  MANIFEST_ENTRY,
  normalizeManifest,
  SNAPSHOT_ENTRY,
  tableEntry,
} from './backup-manifest';
import { listTables } from './project-backup';
import { copyFileToTable, summariseTable } from './table-copy';

/** A table to load: its columns, the row count and checksum it must end with, and the COPY file of its rows. */
export interface LoadableTable extends BackedUpTable {
  file: string;
}

/** A backup archive unpacked into a temporary directory; `close()` removes it. */
export interface OpenedBackup {
  manifest: BackupManifest;
  snapshot: Record<string, unknown>;
  directory: string;
  /** The manifest's tables, each with its file in `directory`. */
  tables: LoadableTable[];
  close(): Promise<void>;
}

/** Unpacks the archive read from `archive` (a stored object's bytes) into a temporary directory. */
export async function openBackup(archive: Readable): Promise<OpenedBackup> {
  const directory = await mkdtemp(path.join(tmpdir(), 'atrium-restore-'));
  const close = () => rm(directory, { recursive: true, force: true });
  try {
    await extractArchive(archive, directory);
    const manifest = normalizeManifest(
      JSON.parse(await readFile(path.join(directory, MANIFEST_ENTRY), 'utf8')),
    );
    const snapshot = JSON.parse(await readFile(path.join(directory, SNAPSHOT_ENTRY), 'utf8'));
    const tables = manifest.tables.map((table) => ({
      ...table,
      file: path.join(directory, tableEntry(table.name)),
    }));
    return { manifest, snapshot, directory, tables, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Columns with a sequence behind them (serial or identity), whose next value must follow the loaded rows. */
async function sequences(
  client: ClientBase,
): Promise<Array<{ table: string; column: string; sequence: string }>> {
  const { rows } = await client.query<{ table: string; column: string; sequence: string | null }>(
    `SELECT table_name AS table, column_name AS column,
            pg_get_serial_sequence(quote_ident(table_name), column_name) AS sequence
       FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  return rows.filter(
    (row): row is { table: string; column: string; sequence: string } => row.sequence !== null,
  );
}

/** The foreign keys of the project's tables, as `ADD CONSTRAINT` would make them again. */
async function foreignKeys(
  client: ClientBase,
): Promise<Array<{ table: string; name: string; definition: string }>> {
  const { rows } = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'
      ORDER BY t.relname, c.conname`,
  );
  return rows;
}

/**
 * Replaces the database's rows of `tables` with theirs, in one transaction: every listed table is emptied
 * and loaded with its foreign keys and triggers off (the rows were consistent when read), sequences are moved past
 * the loaded keys, and each table's row count and checksum must equal the expected — else nothing stays.
 */
export async function loadBackupRows(client: ClientBase, tables: readonly LoadableTable[]): Promise<void> {
  const present = new Map((await listTables(client)).map((table) => [table.name, table.columns]));
  const missing = tables.filter((table) => {
    const columns = present.get(table.name);
    return !columns || table.columns.some((column) => !columns.includes(column));
  });
  if (missing.length > 0) {
    throw invalidPayload(
      `The backup's tables do not match the restored schema: ${missing.map((table) => table.name).join(', ')}.`,
    );
  }
  await client.query('BEGIN');
  try {
    const names = tables.map((table) => quoteIdent(table.name));
    // The rows were consistent when read, in an order no foreign key follows (users and files point at each
    // other): the keys come off while they load and go back on after, which checks them all once. The
    // tables' own triggers (storage totals) stay off too, since their totals are loaded as rows. Both need
    // only the tables' owner, not a superuser.
    const keys = await foreignKeys(client);
    for (const key of keys) {
      await client.query(`ALTER TABLE ${quoteIdent(key.table)} DROP CONSTRAINT ${quoteIdent(key.name)}`);
    }
    for (const name of names) await client.query(`ALTER TABLE ${name} DISABLE TRIGGER USER`);
    if (names.length > 0) await client.query(`TRUNCATE ${names.join(', ')}`);
    for (const table of tables) await copyFileToTable(client, table.name, table.columns, table.file);
    for (const { table, column, sequence } of await sequences(client)) {
      await client.query(
        `SELECT setval($1, COALESCE((SELECT max(${quoteIdent(column)}) FROM ${quoteIdent(table)}), 0) + 1, false)`,
        [sequence],
      );
    }
    for (const name of names) await client.query(`ALTER TABLE ${name} ENABLE TRIGGER USER`);
    for (const key of keys) {
      await client.query(
        `ALTER TABLE ${quoteIdent(key.table)} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition}`,
      );
    }
    for (const table of tables) {
      const now = await summariseTable(client, table.name, table.columns);
      if (now.rows !== table.rows || now.sha256 !== table.sha256) {
        // The rows were checksummed as they were read: a difference is a damaged archive.
        throw invalidPayload(
          `"from_backup": table ${table.name} does not load as it was backed up (${now.rows} of ` +
            `${table.rows} rows, or a different checksum): the archive is damaged; nothing was restored.`,
          { field: 'from_backup' },
        );
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Puts the backup's files into the new project's storage, each into the location it came from (`storageOf`
 * answers the new project's driver there; location null: the local root, of format-1 backups).
 */
export async function restoreFiles(
  backup: OpenedBackup,
  storageOf: (location: string | null) => StorageDriver,
): Promise<void> {
  for (const file of backup.manifest.files) {
    await storageOf(file.location).write(
      file.name,
      createReadStream(path.join(backup.directory, fileEntry(file))),
    );
  }
}

/** The locations a backup's files need that this platform does not have (a restore refuses them). */
export function missingLocations(backup: OpenedBackup, configured: readonly string[]): string[] {
  const needed = new Set(
    backup.manifest.files.flatMap((file) => (file.location === null ? [] : [file.location])),
  );
  return [...needed].filter((location) => !configured.includes(location));
}
