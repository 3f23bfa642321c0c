import { FileStorage, LOCAL_STORAGE, type StorageDriver } from '@atrium/files';

/**
 * The folder holding backups in their storage location, beside the projects' folders (local) or key
 * prefixes (S3); no project key starts with a dot, so no project owns it.
 */
export const BACKUPS_FOLDER = '.backups';

/** The object name of backup `id`'s archive in `BACKUPS_FOLDER`. */
export const backupArchiveName = (id: string): string => `${id}.tar.gz`;

/** The location of a backup row written before rows recorded one: the local root. */
export const backupLocationOf = (recorded: string | null): string => recorded ?? LOCAL_STORAGE;

/** The backups folder of `location`. */
export const backupsIn = (files: FileStorage, location: string): StorageDriver =>
  files.forPlatform(BACKUPS_FOLDER, location);
