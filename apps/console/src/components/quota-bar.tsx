import { bytes } from '../format';
import { Meter } from './meter';

/** How much of its quota a project uses, as a bar with the figures in text beside it. */
export function QuotaBar({ used, limit }: { used: number | null; limit: number | null }) {
  // The size has its own column: without a quota there is nothing more to say.
  if (limit === null || limit <= 0) return <span class="muted">none</span>;
  const percent = Math.round(Math.min(1, (used ?? 0) / limit) * 100);
  return (
    <span class="quota">
      <Meter value={used ?? 0} max={limit} label={`Quota used: ${percent} %`} />
      <span class="quota-text">
        {percent} % of {bytes(limit)}
      </span>
    </span>
  );
}
