import { HttpException, Injectable, Logger } from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  type HealthIndicatorFunction,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { DEFAULT_PROBE_TIMEOUT_MS, type HealthProbe, type ProbeOutcome } from './health-probe';
import type { HealthReport } from './health-report';
import { describeProbeFailure, probeFailureOutput, probeTimeoutOutput } from './probe-failure';
import { failureDetail, successDetail } from './probe-detail';

/** What the attempt callback learned, kept beside Terminus' verdict so no raw error has to pass through it. */
interface ProbeRun {
  success?: { outcome: ProbeOutcome; elapsedMs: number };
  failureOutput?: string;
}

/**
 * Runs health probes as Terminus indicators, all in parallel, each racing its own timeout.
 *
 * Terminus 12 has a `degraded` state, so `HealthCheckService` aggregates ok/warn/error itself and its
 * graceful-shutdown flag (`shutting_down`) comes for free. Its one awkwardness is that it *throws* a 503
 * exception carrying the result when a check fails; `check()` unwraps it so callers always get the report and
 * the HTTP status is decided once, by `healthHttpStatus`.
 */
@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);

  constructor(
    private readonly healthChecks: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(probes: readonly HealthProbe[]): Promise<HealthReport> {
    assertDistinctKeys(probes);
    const indicatorFns: HealthIndicatorFunction[] = probes.map((probe) => () => this.runProbe(probe));
    try {
      return (await this.healthChecks.check(indicatorFns)) as HealthReport;
    } catch (err) {
      const report = reportCarriedBy(err);
      if (report) return report;
      throw err;
    }
  }

  private async runProbe(probe: HealthProbe): Promise<HealthIndicatorResult> {
    const timeoutMs = probe.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    const session = this.indicators.check(probe.key);
    const run: ProbeRun = {};

    // Terminus races with AbortSignal.timeout, whose timer does not hold the event loop open: without a
    // listening socket (a CLI check, a spec) a hanging probe would let the process exit instead of timing out.
    const keepAlive = setTimeout(() => undefined, timeoutMs + 50);
    let verdict: HealthIndicatorResult;
    try {
      verdict = await session
        .attempt(({ signal }) => this.attempt(probe, signal, run))
        .withTimeout(timeoutMs);
    } finally {
      clearTimeout(keepAlive);
    }

    const time = new Date().toISOString();
    if (verdict[probe.key]?.status === 'up' && run.success) {
      const { status, detail } = successDetail(probe, run.success.outcome, run.success.elapsedMs, time);
      return status === 'warn' ? session.degraded({ ...detail }) : session.up({ ...detail });
    }
    if (run.failureOutput === undefined) {
      this.logger.warn(`Health probe ${probe.key} timed out after ${timeoutMs} ms`);
    }
    const output = run.failureOutput ?? probeTimeoutOutput(probe.componentType, timeoutMs);
    return session.down({ ...failureDetail(probe, output, time) });
  }

  /** The function Terminus races: records what happened in `run`, throws only a sanitized error. */
  private async attempt(probe: HealthProbe, signal: AbortSignal, run: ProbeRun): Promise<void> {
    const started = performance.now();
    try {
      const outcome = (await probe.run({ signal })) ?? {};
      run.success = { outcome, elapsedMs: performance.now() - started };
    } catch (err) {
      // A probe rejecting because the timeout aborted it is a timeout, and is reported as one.
      if (!signal.aborted) {
        run.failureOutput = probeFailureOutput(err, probe.componentType);
        this.logger.warn(`Health probe ${probe.key} failed: ${describeProbeFailure(err)}`);
      }
      // Terminus copies the message into its result; hand it nothing a driver wrote, not even as a cause.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(run.failureOutput ?? 'aborted');
    }
  }
}

/** Two probes with one key would silently overwrite each other in Terminus' details. */
function assertDistinctKeys(probes: readonly HealthProbe[]): void {
  const seen = new Set<string>();
  for (const { key } of probes) {
    if (seen.has(key)) throw new Error(`Duplicate health probe key "${key}"`);
    seen.add(key);
  }
}

/** Terminus throws `ServiceUnavailableException(result)` for `error` and `shutting_down`. */
function reportCarriedBy(err: unknown): HealthReport | undefined {
  if (!(err instanceof HttpException)) return undefined;
  const body = err.getResponse();
  if (typeof body !== 'object' || body === null) return undefined;
  const { status, details } = body as Partial<HealthReport>;
  return typeof status === 'string' && typeof details === 'object' && details !== null
    ? (body as HealthReport)
    : undefined;
}
