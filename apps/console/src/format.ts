const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

export function bytes(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  let n = value;
  let unit = 0;
  while (n >= 1000 && unit < UNITS.length - 1) {
    n /= 1000;
    unit += 1;
  }
  return `${n.toFixed(unit === 0 ? 0 : 1)} ${UNITS[unit]}`;
}

export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('en');
}

/** Records' times come as µs since the epoch; registry times as ISO text. */
export function date(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const ms = typeof value === 'number' ? value / 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) return '—';
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** How long ago an ISO time was, in the largest whole unit ("12 s ago", "3 min ago"). */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

/** The day of a time, with the full time for whoever hovers or reads it out: dates fit narrow columns. */
export function dayOf(value: number | string | null | undefined): { day: string; full: string } {
  const full = date(value);
  return { day: full === '—' ? full : full.slice(0, 10), full };
}
