import { count } from '../format';
import type { HealthCheck } from '../health';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'held'] as const;

/** A job queue's depth by state, from its health check (`queue:<name>`). */
export function QueuePanel({ name, check }: { name: string; check: HealthCheck }) {
  const counts = check as HealthCheck & Partial<Record<(typeof STATES)[number], number>>;
  // `held`: jobs the API keeps in the platform database while Redis is down; only BullMQ reports it.
  const states = STATES.filter((state) => state !== 'held' || counts.held !== undefined);
  return (
    <section class="panel" aria-labelledby={`queue-${name}-title`}>
      <h2 id={`queue-${name}-title`}>Queue “{name}”</h2>
      <dl class="stat-tiles">
        {states.map((state) => (
          <div key={state} data-queue-state={state}>
            <dt>{state}</dt>
            <dd>{count(counts[state] ?? null)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
