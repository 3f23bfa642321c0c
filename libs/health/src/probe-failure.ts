import { HealthProbeError } from './health-probe';

const MAX_OUTPUT_LENGTH = 200;

/** Error codes are safe to publish (`ECONNREFUSED`, SQLSTATE `28P01`…); anything else in an error may be a secret. */
const SAFE_CODE = /^[A-Z0-9_]{2,32}$/;

const SUBJECTS: Record<string, string> = {
  datastore: 'Database',
  cache: 'Cache',
  objectstore: 'Storage',
  queue: 'Queue',
  email: 'Mail server',
};

function subject(componentType: string): string {
  return SUBJECTS[componentType] ?? 'Dependency';
}

function truncate(text: string): string {
  return text.length > MAX_OUTPUT_LENGTH ? `${text.slice(0, MAX_OUTPUT_LENGTH - 1)}…` : text;
}

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, errors } = err as { code?: unknown; errors?: unknown };
  if (typeof code === 'string' && SAFE_CODE.test(code)) return code;
  // net's happy-eyeballs connect rejects with an AggregateError whose own code may be missing.
  return Array.isArray(errors) ? errorCode(errors[0]) : undefined;
}

/**
 * The public `output` for a probe that threw. Only a {@link HealthProbeError} message is published verbatim;
 * other messages are never echoed (a pg or ioredis error can quote the connection string), only the error code.
 */
export function probeFailureOutput(err: unknown, componentType: string): string {
  if (err instanceof HealthProbeError) return truncate(err.message);
  const code = errorCode(err);
  return `${subject(componentType)} unavailable${code ? ` (${code})` : ''}.`;
}

export function probeTimeoutOutput(componentType: string, timeoutMs: number): string {
  return `${subject(componentType)} did not answer within ${timeoutMs} ms.`;
}

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s@/]*(?::[^\s@]*)?@/gi;
const SECRET_PAIRS =
  /\b(password|passwd|pwd|secret|token|api[_-]?key)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&;,]+)/gi;

/** Strips URL user-info and `password=…`-style pairs, so the operator log can keep the cause without the secret. */
export function redactCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1[REDACTED]@').replace(SECRET_PAIRS, '$1$2[REDACTED]');
}

/** A one-line, redacted description of a probe failure for the server log (never for the response). */
export function describeProbeFailure(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return truncate(redactCredentials(text.replace(/\s+/g, ' ')));
}
