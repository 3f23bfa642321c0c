/** One table as a backup holds it: its columns in COPY order, its row count and the COPY bytes' checksum. */
export interface BackedUpTable {
  name: string;
  columns: string[];
  rows: number;
  sha256: string;
}

/**
 * One stored object of the project: the storage location it came from (`STORAGE_LOCATIONS`, local or S3)
 * and its name there. `location` null: the local root, in backups of format 1, which kept local files only.
 */
export interface BackedUpFile {
  location: string | null;
  name: string;
  size: number;
}

/** `manifest.json`, the last entry of a backup archive (written once every file is in). */
export interface BackupManifest {
  /** 2: files of every storage location; 1: local files only (`files: [{path, size}]`, read as location null). */
  format: 1 | 2;
  project: { key: string; name: string };
  created_at: string;
  /** The last tenant migration the database had: a restore needs the same one. */
  tenant_migration: string | null;
  tables: BackedUpTable[];
  files: BackedUpFile[];
}

export const MANIFEST_ENTRY = 'manifest.json';
export const SNAPSHOT_ENTRY = 'schema-snapshot.json';
export const tableEntry = (table: string): string => `data/${table}.copy`;
/** Location names are letters, digits and `_` (config), object names flat: the entry stays in `files/`. */
export const fileEntry = (file: Pick<BackedUpFile, 'location' | 'name'>): string =>
  file.location === null ? `files/${file.name}` : `files/${file.location}/${file.name}`;

/** A manifest as read from an archive of either format, in the current shape. */
export function normalizeManifest(raw: Record<string, unknown>): BackupManifest {
  const manifest = raw as unknown as BackupManifest & { files: Array<{ path?: string; name?: string }> };
  if (manifest.format === 2) return manifest;
  if (manifest.format === 1) {
    const files = (raw.files as Array<{ path: string; size: number }>).map(({ path, size }) => ({
      location: null,
      name: path,
      size,
    }));
    return { ...manifest, files };
  }
  throw new Error(`unknown backup format ${String(raw.format)}`);
}
