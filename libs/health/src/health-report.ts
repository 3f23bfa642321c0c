import type { HealthCheckResult, HealthIndicatorStatus } from '@nestjs/terminus';
import type { ProbeDetail } from './probe-detail';

/** One indicator's entry in a Terminus result, as `HealthService` builds it. */
export type ProbeIndicatorDetail = { status: HealthIndicatorStatus } & ProbeDetail;

/**
 * The Terminus result of `HealthService.check`: `status` is `ok | degraded | error | shutting_down`, `details`
 * holds every probe by key. Turn it into the response body with `toIetfHealth`.
 */
export type HealthReport = HealthCheckResult<Record<string, ProbeIndicatorDetail>>;

/** The draft's status aliases that Directus uses (`pass`/`fail` are spelled `ok`/`error`). */
export type IetfStatus = 'ok' | 'warn' | 'error';

/** One element of a `checks` array (the draft allows one per node; we always have exactly one). */
export interface IetfCheck {
  status: IetfStatus;
  componentType: string;
  observedValue?: number;
  observedUnit?: string;
  /** Always set for probes run by `HealthService`. */
  time?: string;
  /** Only on `warn` and `error`, as the draft asks. */
  output?: string;
  threshold?: number;
  /** Probe-supplied extras (`componentId`…), which the draft allows. */
  [extra: string]: unknown;
}

/** `application/health+json` body in the Directus variant, as super-admins see it. */
export interface IetfHealth {
  status: IetfStatus;
  releaseId: string;
  serviceId: string;
  /** `['shutting down']` while the process drains after SIGTERM. */
  notes?: string[];
  checks: Record<string, IetfCheck[]>;
}

export interface HealthMeta {
  /** The running release (the package version). */
  releaseId: string;
  /** Identifies this instance (Directus uses a UUID per install). */
  serviceId: string;
}
