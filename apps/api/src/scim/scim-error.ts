import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { AtriumException, renderError, translateDatabaseError } from '@atrium/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** An error in SCIM's own shape (RFC 7644 §3.12). */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }
}

/** The API's own errors in SCIM's words: a duplicate is `uniqueness` (409), a bad value `invalidValue` (400). */
function fromAtrium(error: AtriumException): ScimError {
  switch (error.code) {
    case 'RECORD_NOT_UNIQUE':
      return new ScimError(409, error.message, 'uniqueness');
    case 'INVALID_PAYLOAD':
    case 'FAILED_VALIDATION':
    case 'NOT_NULL_VIOLATION':
    case 'VALUE_TOO_LONG':
    case 'INVALID_FOREIGN_KEY':
      return new ScimError(400, error.message, 'invalidValue');
    case 'INVALID_QUERY':
      return new ScimError(400, error.message, 'invalidSyntax');
    case 'FORBIDDEN':
      return new ScimError(403, error.message);
    default:
      return new ScimError(error.status, error.message);
  }
}

/** Every error under `/scim/v2` — ours, the engine's, the pipeline's (auth, tenancy) — as a SCIM error body. */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Scim');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    let error: ScimError;
    if (exception instanceof ScimError) error = exception;
    else if (exception instanceof AtriumException) error = fromAtrium(exception);
    else {
      // A database refusal (a duplicate email) in the API's words first, then SCIM's; anything else keeps the
      // status the API would give it, and a 5xx says nothing of its cause.
      const translated = translateDatabaseError(exception);
      if (translated) error = fromAtrium(translated);
      else {
        const rendered = renderError(exception, http.getRequest<FastifyRequest>().url);
        if (rendered.unexpected) this.logger.error({ err: exception }, 'unexpected SCIM error');
        const message = rendered.body.errors[0]?.message ?? 'The request failed.';
        error = new ScimError(
          rendered.status,
          rendered.status >= 500 ? 'An unexpected error occurred.' : message,
        );
      }
    }
    void reply
      .code(error.status)
      .header('content-type', SCIM_CONTENT_TYPE)
      .send({
        schemas: [SCIM_ERROR_SCHEMA],
        status: String(error.status),
        ...(error.scimType ? { scimType: error.scimType } : {}),
        detail: error.message,
      });
  }
}
