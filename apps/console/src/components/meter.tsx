/** A share of a limit as a coloured bar; the figures are said in text beside it by the caller. */
export function Meter({ value, max, label }: { value: number; max: number; label: string }) {
  const share = max > 0 ? Math.min(1, value / max) : 0;
  const tone = share >= 0.9 ? 'bad' : share >= 0.7 ? 'warn' : 'good';
  const percent = Math.round(share * 100);
  return (
    <span
      class="quota-track"
      role="meter"
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.min(value, max)}
      aria-valuetext={`${percent} %`}
      aria-label={label}
    >
      <span class={`quota-fill quota-${tone}`} style={{ width: `${percent}%` }} />
    </span>
  );
}
