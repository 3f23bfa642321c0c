/** `/server/health` in the IETF health format, as the super-admin sees it. */
export interface HealthCheck {
  componentId?: string;
  componentType?: string;
  observedValue?: number | string;
  observedUnit?: string;
  status: string;
  time?: string;
  output?: string;
}

export interface HealthReport {
  status: string;
  releaseId?: string;
  serviceId?: string;
  checks?: Record<string, HealthCheck[]>;
}

/** Response times kept in the page, per check: the newest HISTORY samples. */
export const HISTORY = 60;

export function appendSamples(
  history: Record<string, number[]>,
  report: HealthReport,
): Record<string, number[]> {
  const next: Record<string, number[]> = { ...history };
  for (const [key, checks] of Object.entries(report.checks ?? {})) {
    const check = checks[0];
    if (check?.observedUnit !== 'ms' || typeof check.observedValue !== 'number') continue;
    next[key] = [...(history[key] ?? []), check.observedValue].slice(-HISTORY);
  }
  return next;
}
