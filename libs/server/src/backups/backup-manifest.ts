/** One table as a backup holds it: its columns in COPY order, its row count and the COPY bytes' checksum. */
export interface BackedUpTable {
  name: string;
  columns: string[];
  rows: number;
  sha256: string;
}

/** `manifest.json`, the first entry of a backup archive. */
export interface BackupManifest {
  format: 1;
  project: { key: string; name: string };
  created_at: string;
  /** The last tenant migration the database had: a restore needs the same one. */
  tenant_migration: string | null;
  tables: BackedUpTable[];
  files: Array<{ path: string; size: number }>;
}

export const MANIFEST_ENTRY = 'manifest.json';
export const SNAPSHOT_ENTRY = 'schema-snapshot.json';
export const tableEntry = (table: string): string => `data/${table}.copy`;
export const fileEntry = (file: string): string => `files/${file}`;
