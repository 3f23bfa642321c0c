const TONES: Record<string, string> = {
  ok: 'good',
  pass: 'good',
  active: 'good',
  open: 'good',
  draining: 'warn',
  warn: 'warn',
  suspended: 'warn',
  error: 'bad',
  fail: 'bad',
};

/** A status as a coloured badge that also says it in words (colour is never the only signal). */
export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge-${TONES[status] ?? 'neutral'}`}>{status}</span>;
}
