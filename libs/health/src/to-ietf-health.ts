import type { HealthCheckResult, HealthCheckStatus } from '@nestjs/terminus';
import type { HealthMeta, IetfCheck, IetfHealth, IetfStatus } from './health-report';

const FROM_INDICATOR: Record<string, IetfStatus> = { up: 'ok', degraded: 'warn', down: 'error' };

const FROM_OVERALL: Record<HealthCheckStatus, IetfStatus> = {
  ok: 'ok',
  degraded: 'warn',
  error: 'error',
  // The draft has no draining state; failing makes load balancers stop sending traffic, which is the point.
  shutting_down: 'error',
};

const RANK: Record<IetfStatus, number> = { ok: 0, warn: 1, error: 2 };

const STANDARD_KEYS = new Set([
  'status',
  'componentType',
  'observedValue',
  'observedUnit',
  'time',
  'output',
  'threshold',
]);

function worst(statuses: IetfStatus[]): IetfStatus {
  return statuses.reduce<IetfStatus>((acc, s) => (RANK[s] > RANK[acc] ? s : acc), 'ok');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads one Terminus detail through a whitelist: only the standard fields and the probe's own `extra` reach the
 * body, so whatever else an indicator attached (Terminus' `message`, a driver error) is never published.
 */
function toCheck(detail: unknown): IetfCheck {
  const d = isRecord(detail) ? detail : {};
  // An indicator with no recognizable status is not evidence of health.
  const status = FROM_INDICATOR[String(d.status)] ?? 'error';
  const check: IetfCheck = {
    status,
    componentType: typeof d.componentType === 'string' ? d.componentType : 'component',
  };
  if (typeof d.observedValue === 'number' && Number.isFinite(d.observedValue))
    check.observedValue = d.observedValue;
  if (typeof d.observedUnit === 'string') check.observedUnit = d.observedUnit;
  if (typeof d.time === 'string') check.time = d.time;
  if (status !== 'ok' && typeof d.output === 'string') check.output = d.output;
  if (typeof d.threshold === 'number' && Number.isFinite(d.threshold)) check.threshold = d.threshold;
  if (isRecord(d.extra)) {
    for (const [key, value] of Object.entries(d.extra)) if (!STANDARD_KEYS.has(key)) check[key] = value;
  }
  return check;
}

/**
 * Maps a Terminus result to the IETF health draft as Directus shapes it: each indicator becomes a single-element
 * `checks` array, keys sorted for a stable body. The overall status is the worst of Terminus' own verdict and
 * every check (`error` > `warn` > `ok`), so a hand-built or foreign result cannot report better than its parts.
 */
export function toIetfHealth(report: HealthCheckResult, meta: HealthMeta): IetfHealth {
  const details: Record<string, unknown> = isRecord(report.details) ? report.details : {};
  const checks: Record<string, IetfCheck[]> = {};
  for (const key of Object.keys(details).sort()) checks[key] = [toCheck(details[key])];

  const status = worst([
    FROM_OVERALL[report.status] ?? 'error',
    ...Object.values(checks).map(([check]) => check.status),
  ]);
  return {
    status,
    releaseId: meta.releaseId,
    serviceId: meta.serviceId,
    ...(report.status === 'shutting_down' && { notes: ['shutting down'] }),
    checks,
  };
}
