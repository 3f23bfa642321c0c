import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

/**
 * Fastify's `childLoggerFactory`: a request logs through the root logger itself. Its id, project and user
 * come from the request's log scope (log-context.ts) on every line, so a per-request child — whose
 * bindings pino would copy through redaction and serializers on each request, logged or not — adds nothing
 * but cost. A route with its own log level still gets a child (its level differs from the root's).
 */
export function requestLoggerFactory(
  logger: FastifyBaseLogger,
  _bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return options.level === undefined ? logger : logger.child({}, options);
}
