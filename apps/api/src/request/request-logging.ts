import { LogFields, runInLogScope } from '@atrium/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import '@atrium/auth';
import '@atrium/tenancy';

/** Who a line logged during the request is about; read when the line is written, so it fills in as guards run. */
function requestFields(request: FastifyRequest): LogFields {
  const project = request.tenant?.key ?? (request.params as { project?: string } | undefined)?.project;
  return {
    reqId: request.id,
    project,
    user: request.accountability?.user ?? undefined,
    superAdmin: request.superAdmin || undefined,
  };
}

/**
 * Request logging for the API: every line written while a request is handled — by Nest services, guards,
 * the error filter or Fastify — carries its request id, project and user, and each answered request leaves
 * one line with its status, time and, for an error, the envelope's code. A 4xx is the client's doing and is
 * logged at info; only a 5xx is an error.
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: PinoLogger): void {
  // Callback style, as the other hooks: an async hook costs every request a promise.
  fastify.addHook('onRequest', (request, _reply, done) => {
    runInLogScope(() => requestFields(request), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    if (logger.isLevelEnabled(level)) {
      logger[level](
        {
          // Explicit: the response may finish outside the request's log scope.
          ...requestFields(request),
          req: request,
          res: reply,
          responseTime: Math.round(reply.elapsedTime * 10) / 10,
          code: request.errorCode,
        },
        'request completed',
      );
    }
    done();
  });
}
