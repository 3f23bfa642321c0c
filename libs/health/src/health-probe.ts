/** A probe slower than this (ms) reports `warn`; 150 ms is the threshold Directus uses for `pg:responseTime`. */
export const DEFAULT_WARN_THRESHOLD_MS = 150;

/** A probe that has not settled after this long (ms) reports `error`, so one stuck dependency cannot hang the endpoint. */
export const DEFAULT_PROBE_TIMEOUT_MS = 2000;

/** What a probe may say about a successful run. Every field is optional: `run()` may also return nothing. */
export interface ProbeOutcome {
  /** Omit to let the response time decide (`warn` above `warnThresholdMs`); set it when the probe knows better. */
  status?: 'ok' | 'warn';
  /** Defaults to the probe's response time, with `observedUnit` `ms`. */
  observedValue?: number;
  observedUnit?: string;
  /** Shown on `warn` only: the health draft omits `output` on a passing check. Must not hold secrets. */
  output?: string;
  /** Extra keys for the check object (`componentId`, `affectedEndpoints`…); they never replace the standard ones. */
  extra?: Record<string, unknown>;
}

/** Handed to `run()`: the signal aborts when the probe's timeout fires, so a driver call can be cancelled. */
export interface ProbeContext {
  signal: AbortSignal;
}

/**
 * One dependency check. The library knows nothing about pools or clients: callers wrap them in probes.
 * A probe that throws, or that has not settled after `timeoutMs`, reports `error`.
 */
export interface HealthProbe {
  /** The `checks` key in draft form, `component:measurement`: `pg:responseTime`, `queue:assets`… */
  key: string;
  /** The draft's `componentType`: `datastore`, `cache`, `objectstore`, `queue`, `email`, `component`… */
  componentType: string;
  /** Defaults to {@link DEFAULT_PROBE_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Defaults to {@link DEFAULT_WARN_THRESHOLD_MS}. */
  warnThresholdMs?: number;
  run(context: ProbeContext): Promise<ProbeOutcome | void>;
}

/**
 * Throw this from a probe to publish its message as the check's `output`. Any other error is reduced to a
 * generic sentence, because driver messages can carry connection strings and passwords.
 */
export class HealthProbeError extends Error {
  constructor(safeMessage: string) {
    super(safeMessage);
    this.name = 'HealthProbeError';
  }
}
