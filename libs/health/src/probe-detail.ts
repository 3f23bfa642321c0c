import { DEFAULT_WARN_THRESHOLD_MS, type HealthProbe, type ProbeOutcome } from './health-probe';

/**
 * What one probe contributes to a Terminus indicator result (besides Terminus' own `status`). Extra keys stay
 * nested under `extra` so the IETF mapper can whitelist the standard fields and flatten only what probes chose.
 */
export interface ProbeDetail {
  componentType: string;
  observedValue?: number;
  observedUnit?: string;
  /** ISO 8601, when the probe settled. */
  time: string;
  output?: string;
  /** The warn threshold, set when `observedValue` is the response time it applies to. */
  threshold?: number;
  extra?: Record<string, unknown>;
}

/** Directus reports response times with three decimals (`0.489`). */
function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function slowOutput(responseTime: number, threshold: number): string {
  return `Responded in ${responseTime} ms, over the ${threshold} ms threshold.`;
}

/** Turns a probe's successful run into its detail and its `ok`/`warn` verdict. */
export function successDetail(
  probe: Pick<HealthProbe, 'componentType' | 'warnThresholdMs'>,
  outcome: ProbeOutcome,
  elapsedMs: number,
  time: string,
): { status: 'ok' | 'warn'; detail: ProbeDetail } {
  const threshold = probe.warnThresholdMs ?? DEFAULT_WARN_THRESHOLD_MS;
  const responseTime = roundMs(elapsedMs);
  const slow = responseTime > threshold;
  const status = outcome.status ?? (slow ? 'warn' : 'ok');
  const reportsResponseTime = outcome.observedValue === undefined;
  const output =
    status === 'warn'
      ? (outcome.output ?? (slow ? slowOutput(responseTime, threshold) : undefined))
      : undefined;

  const detail: ProbeDetail = reportsResponseTime
    ? { componentType: probe.componentType, observedValue: responseTime, observedUnit: 'ms', time }
    : { componentType: probe.componentType, observedValue: outcome.observedValue, time };
  if (!reportsResponseTime && outcome.observedUnit !== undefined) detail.observedUnit = outcome.observedUnit;
  if (output !== undefined) detail.output = output;
  if (reportsResponseTime) detail.threshold = threshold;
  if (outcome.extra && Object.keys(outcome.extra).length > 0) detail.extra = outcome.extra;
  return { status, detail };
}

/** A failed or timed-out probe: no observation, only the (already sanitized) reason. */
export function failureDetail(
  probe: Pick<HealthProbe, 'componentType'>,
  output: string,
  time: string,
): ProbeDetail {
  return { componentType: probe.componentType, time, output };
}
