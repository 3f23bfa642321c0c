import { useState } from 'preact/hooks';
import { api } from '../api';
import { LineChart } from '../components/line-chart';
import { ErrorNotice, Loading } from '../components/notice';
import { StatusBadge } from '../components/status';
import { appendSamples, type HealthReport } from '../health';
import type { PoolsReport } from '../pools';
import { usePolling } from '../resource';
import { PoolsPanel } from './pools-panel';
import { QueuePanel } from './queue-panel';

const REFRESH_MS = 5000;

/** Every component of /server/health, refreshed every few seconds, with the response times of the session. */
export function HealthPage() {
  const [report, setReport] = useState<HealthReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<Record<string, number[]>>({});
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);

  usePolling(
    () => api<HealthReport>('/server/health'),
    REFRESH_MS,
    {
      onValue: (next) => {
        setReport(next);
        setHistory((previous) => appendSamples(previous, next));
        setCheckedAt(new Date());
        setError(null);
      },
      onError: setError,
    },
    [],
  );

  const [pools, setPools] = useState<PoolsReport | null>(null);
  const [poolsError, setPoolsError] = useState<string | null>(null);
  usePolling(
    () => api<PoolsReport>('/server/pools'),
    REFRESH_MS,
    {
      onValue: (next) => {
        setPools(next);
        setPoolsError(null);
      },
      onError: setPoolsError,
    },
    [],
  );

  const queues = Object.entries(report?.checks ?? {}).filter(
    ([key]) => key.startsWith('queue:') && key !== 'queue:responseTime',
  );
  const series = Object.entries(history).map(([label, values]) => ({ label, values }));
  return (
    <section aria-labelledby="health-title">
      <header class="page-header">
        <h1 id="health-title">Health</h1>
        {report && <StatusBadge status={report.status} />}
        <span class="muted" aria-live="polite">
          {checkedAt ? `checked ${checkedAt.toLocaleTimeString('en-GB')}, every ${REFRESH_MS / 1000} s` : ''}
        </span>
      </header>
      <ErrorNotice message={error} />
      {!report && !error && <Loading label="Checking components…" />}
      {report && (
        <>
          <ul class="health-grid" aria-label="Components">
            {Object.entries(report.checks ?? {}).map(([key, checks]) =>
              checks.map((check, n) => (
                <li class={`health-card health-${check.status}`} key={`${key}-${n}`} data-check={key}>
                  <div class="health-card-head">
                    <h2>{key}</h2>
                    <StatusBadge status={check.status} />
                  </div>
                  <p class="health-value">
                    {check.observedValue ?? '—'} <span class="unit">{check.observedUnit ?? ''}</span>
                  </p>
                  <p class="muted">
                    {[check.componentType, check.componentId].filter(Boolean).join(' · ')}
                    {check.output ? ` — ${check.output}` : ''}
                  </p>
                </li>
              )),
            )}
          </ul>
          <div class="health-details">
            {series.length > 0 && <LineChart title="Response times this session" unit="ms" series={series} />}
            {queues.map(([key, [check]]) => (
              <QueuePanel key={key} name={key.slice('queue:'.length)} check={check} />
            ))}
          </div>
          <ErrorNotice message={poolsError} />
          {pools && <PoolsPanel report={pools} />}
          <p class="muted">
            {report.serviceId ?? ''} {report.releaseId ? `release ${report.releaseId}` : ''}
          </p>
        </>
      )}
    </section>
  );
}
