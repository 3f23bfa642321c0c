import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written inside a scope carries: a request's id, project and user, or a job's. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * The fields are read when a line is written, not when the scope starts: a request's project and user are
 * known only after its guards ran, and lines logged before then carry what is known so far.
 */
type FieldSource = () => LogFields;

const scopes = new AsyncLocalStorage<FieldSource>();

/** Runs `fn` (and everything it starts) in a log scope. */
export function runInLogScope<T>(fields: FieldSource, fn: () => T): T {
  return scopes.run(fields, fn);
}

/** The current scope's fields; pino's `mixin`, so they land on every line of the root logger and its children. */
export function logScopeFields(): LogFields {
  const source = scopes.getStore();
  // A new object each time: pino merges the line's own fields into it.
  return source ? source() : {};
}
