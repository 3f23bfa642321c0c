import type { BackupView } from '@atrium/server';
import { formatBytes, formatCount } from './format-values';

const UNKNOWN = '-';

/** One line saying what a finished backup holds. */
export function describeBackup(backup: BackupView): string {
  const parts = [
    backup.size === null ? null : formatBytes(backup.size),
    backup.table_count === null ? null : `${formatCount(backup.table_count)} tables`,
    backup.row_count === null ? null : `${formatCount(backup.row_count)} rows`,
    backup.file_count === null ? null : `${formatCount(backup.file_count)} files`,
  ].filter((part) => part !== null);
  return `backup ${backup.id} (${parts.join(', ')})`;
}

/** `projects:backups` for a person: newest first, one aligned row per backup. */
export function renderBackupsTable(key: string, backups: readonly BackupView[]): string {
  if (backups.length === 0)
    return `No backups of "${key}" yet. Take one with: npm run cli -- projects:backup ${key}\n`;
  const rows = [
    ['ID', 'CREATED', 'REASON', 'STATUS', 'SIZE', 'ROWS', 'FILES', 'STORAGE'],
    ...backups.map((backup) => [
      backup.id,
      backup.created_at,
      backup.reason,
      backup.status === 'running' ? `running ${Math.round(backup.progress * 100)}%` : backup.status,
      backup.size === null ? UNKNOWN : formatBytes(backup.size),
      backup.row_count === null ? UNKNOWN : formatCount(backup.row_count),
      backup.file_count === null ? UNKNOWN : formatCount(backup.file_count),
      backup.storage,
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return (
    rows
      .map((row) =>
        row
          .map((cell, column) => cell.padEnd(widths[column]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
