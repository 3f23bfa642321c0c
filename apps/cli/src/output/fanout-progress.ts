import type { FanoutEvent, FanoutResult } from '@atrium/tenancy';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** One progress line per fan-out event. */
export function formatFanoutEvent(event: FanoutEvent, concurrency: number): string {
  if (event.type === 'planned') {
    return (
      `Latest tenant migration: ${event.latest}. ${plural(event.pending, 'project')} to migrate, ` +
      `${event.upToDate} already up to date (concurrency ${concurrency}).`
    );
  }
  const prefix = `[${event.done}/${event.of}] ${event.key}:`;
  switch (event.type) {
    case 'migrated':
      return event.applied.length > 0
        ? `${prefix} applied ${event.applied.join(', ')} in ${event.ms} ms`
        : `${prefix} its database was already current; registry updated`;
    case 'up-to-date':
      return `${prefix} migrated meanwhile by another process, skipped`;
    case 'vanished':
      return `${prefix} deleted meanwhile, skipped`;
    case 'failed':
      return `${prefix} FAILED: ${event.error}`;
  }
}

/** The closing line: how long, and how many projects ended up where. */
export function formatFanoutSummary(result: FanoutResult, elapsedMs: number): string {
  const counts = [
    `${result.migrated.length} migrated`,
    `${result.upToDate.length} up to date`,
    `${result.failed.length} failed`,
  ].join(', ');
  const seconds = (elapsedMs / 1000).toFixed(1);
  return result.interrupted ? `Stopped after ${seconds} s: ${counts}.` : `Done in ${seconds} s: ${counts}.`;
}
