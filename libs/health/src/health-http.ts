import type { IetfHealth, IetfStatus } from './health-report';

/** The draft's media type; the controller sets it together with {@link HEALTH_CACHE_CONTROL}. */
export const HEALTH_CONTENT_TYPE = 'application/health+json';

/** A cached health answer is a wrong one: probes must reach the dependencies every time. */
export const HEALTH_CACHE_CONTROL = 'no-store';

/** The draft requires 4xx/5xx for a failing service and 2xx for `ok` and `warn` (still serving). */
export function healthHttpStatus(health: Pick<IetfHealth, 'status'>): 200 | 503 {
  return health.status === 'error' ? 503 : 200;
}

/** What anonymous callers see: the verdict, never the topology, timings or error text (OWASP API8). */
export function publicHealth(health: Pick<IetfHealth, 'status'>): { status: IetfStatus } {
  return { status: health.status };
}
