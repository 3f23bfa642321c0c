import type { ProjectView } from '@atrium/server';
import { formatBytes, formatCount, microsToIso } from './format-values';

/** Shown for a value the platform could not measure (a suspended project, an unreachable database). */
const UNKNOWN = '-';
const NAME_WIDTH = 30;

interface Column {
  title: string;
  value: (project: ProjectView) => string;
  alignRight?: boolean;
}

const measured = (value: number | null, format: (n: number) => string) =>
  value === null ? UNKNOWN : format(value);

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

const COLUMNS: Column[] = [
  { title: 'KEY', value: (p) => p.key },
  { title: 'NAME', value: (p) => truncate(p.name, NAME_WIDTH) },
  { title: 'STATUS', value: (p) => p.status },
  { title: 'COLLECTIONS', value: (p) => measured(p.collection_count, formatCount), alignRight: true },
  { title: 'ENTRIES', value: (p) => measured(p.entry_count, formatCount), alignRight: true },
  { title: 'SIZE', value: (p) => measured(p.size, formatBytes), alignRight: true },
  { title: 'FILES', value: (p) => measured(p.file_count, formatCount), alignRight: true },
  { title: 'OLDEST RECORD', value: (p) => measured(p.oldest_record, microsToIso) },
  { title: 'LATEST RECORD', value: (p) => measured(p.latest_record, microsToIso) },
  { title: 'DATABASE', value: (p) => p.database },
];

/** `projects:list` for a person: one aligned row per project under a header, and a count. */
export function renderProjectsTable(projects: readonly ProjectView[]): string {
  if (projects.length === 0)
    return 'No projects yet. Create one with: npm run cli -- projects:create <key> …\n';
  const rows = [
    COLUMNS.map((column) => column.title),
    ...projects.map((p) => COLUMNS.map((c) => c.value(p))),
  ];
  const widths = COLUMNS.map((_, index) => Math.max(...rows.map((row) => row[index].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, index) =>
        COLUMNS[index].alignRight ? cell.padStart(widths[index]) : cell.padEnd(widths[index]),
      )
      .join('  ')
      .trimEnd(),
  );
  const count = `${projects.length} project${projects.length === 1 ? '' : 's'}`;
  return `${lines.join('\n')}\n\n${count}\n`;
}

/** `projects:create` for a person: the project as `key: value` lines. */
export function renderProjectDetails(project: ProjectView): string {
  const quota =
    project.quota.type === 'NONE' || project.quota.size === null
      ? 'none'
      : `${formatBytes(project.quota.size)} (${project.quota.type})`;
  const pairs: Array<[string, string]> = [
    ['key', project.key],
    ['name', project.name],
    ['status', project.status],
    ['database server', project.database],
    ['created at', project.created_at],
    ['collections', measured(project.collection_count, formatCount)],
    ['size', measured(project.size, formatBytes)],
    ['quota', quota],
  ];
  const width = Math.max(...pairs.map(([label]) => label.length));
  return `${pairs.map(([label, value]) => `  ${`${label}:`.padEnd(width + 1)} ${value}`).join('\n')}\n`;
}
