import * as path from 'node:path';

/** Where backups are kept: a folder of the local storage root no project can own (keys never start with a dot). */
export const backupsDirectory = (storageRoot: string): string => path.join(storageRoot, '.backups');

/** The archive of backup `id`. */
export const backupArchive = (storageRoot: string, id: string): string =>
  path.join(backupsDirectory(storageRoot), `${id}.tar.gz`);
