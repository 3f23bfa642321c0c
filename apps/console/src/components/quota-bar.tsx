import { bytes } from '../format';

/** How much of its quota a project uses, as a bar with the figures in text beside it. */
export function QuotaBar({ used, limit }: { used: number | null; limit: number | null }) {
  if (limit === null || limit <= 0) return <span class="muted">{bytes(used)} · no quota</span>;
  const share = Math.min(1, (used ?? 0) / limit);
  const tone = share >= 0.9 ? 'bad' : share >= 0.7 ? 'warn' : 'good';
  const percent = Math.round(share * 100);
  return (
    <span class="quota">
      <span
        class="quota-track"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={`Quota used: ${percent} %`}
      >
        <span class={`quota-fill quota-${tone}`} style={{ width: `${percent}%` }} />
      </span>
      <span class="quota-text">
        {bytes(used)} / {bytes(limit)}
      </span>
    </span>
  );
}
