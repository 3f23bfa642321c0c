import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderError } from './render-error';

declare module 'fastify' {
  interface FastifyRequest {
    /** The code of the error envelope the request was answered with, for its log line. */
    errorCode?: string;
  }
}

/** Sends a rendered error. Shared by the Nest filter and Fastify's error handler. */
export function sendError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
): void {
  const path = request.url.split('?')[0];
  const rendered = renderError(error, path);
  request.errorCode = String(rendered.body.errors[0]?.extensions.code);
  if (rendered.unexpected) {
    logger.error({ err: error, reqId: request.id, path }, 'unexpected error');
  }
  if (reply.sent) return;
  void reply
    .code(rendered.status)
    .headers(rendered.headers)
    .header('content-type', 'application/json; charset=utf-8')
    .send(rendered.body);
}

/** The single global filter: every error leaves as the Directus envelope (STYLE.md #7). */
@Catch()
export class EnvelopeExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}
