import type { JobQueueHealth } from '@atrium/jobs';

export interface WorkerHealthCheck {
  componentType: 'datastore';
  observedValue?: number;
  observedUnit?: 'ms';
  status: 'ok' | 'error';
  time: string;
  output?: string;
}

export interface WorkerHealthBody {
  status: 'ok' | 'error';
  checks: { 'redis:responseTime': WorkerHealthCheck[] };
}

/**
 * The worker's only dependency is Redis, so its health is that check in the IETF health-check draft shape
 * (status aliases `ok`/`error`, as Terminus and Directus use). `error` answers 503.
 */
export function toWorkerHealth(
  redis: JobQueueHealth,
  now: Date,
): { httpStatus: 200 | 503; body: WorkerHealthBody } {
  const status = redis.status === 'error' ? 'error' : 'ok';
  const check: WorkerHealthCheck =
    status === 'ok'
      ? {
          componentType: 'datastore',
          observedValue: redis.responseTimeMs,
          observedUnit: 'ms',
          status,
          time: now.toISOString(),
        }
      : { componentType: 'datastore', status, time: now.toISOString(), output: redis.output };
  return {
    httpStatus: status === 'ok' ? 200 : 503,
    body: { status, checks: { 'redis:responseTime': [check] } },
  };
}
