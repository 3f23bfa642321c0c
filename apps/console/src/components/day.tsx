import { dayOf } from '../format';

/** A time shown as its day; the minute is in the tooltip and the accessible name. */
export function Day({ value }: { value: number | string | null | undefined }) {
  const { day, full } = dayOf(value);
  if (day === '—') return <span>—</span>;
  return (
    <time dateTime={full.replace(' ', 'T')} title={full} aria-label={full}>
      {day}
    </time>
  );
}
