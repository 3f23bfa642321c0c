import { count } from '../format';
import type { HealthCheck } from '../health';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** A job queue's depth by state, from its health check (`queue:<name>`). */
export function QueuePanel({ name, check }: { name: string; check: HealthCheck }) {
  const counts = check as HealthCheck & Partial<Record<(typeof STATES)[number], number>>;
  return (
    <section class="panel" aria-labelledby={`queue-${name}-title`}>
      <h2 id={`queue-${name}-title`}>Queue “{name}”</h2>
      <dl class="stat-tiles">
        {STATES.map((state) => (
          <div key={state} data-queue-state={state}>
            <dt>{state}</dt>
            <dd>{count(counts[state] ?? null)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
