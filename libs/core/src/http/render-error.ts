import { HttpException } from '@nestjs/common';
import { AtriumException, routeNotFound } from '../errors/atrium.exception';
import { ErrorCode } from '../errors/error-codes';
import { translateDatabaseError } from '../errors/translate-database-error';

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
  /** True when the error was not one we threw on purpose: worth an error log line. */
  unexpected: boolean;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'INVALID_PAYLOAD',
  401: 'INVALID_CREDENTIALS',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'CONTENT_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  416: 'RANGE_NOT_SATISFIABLE',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'REQUESTS_EXCEEDED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * The errors Fastify raises itself, before a route runs (URL decoding, body parsing and limits), in Directus's
 * words. The status stays Fastify's.
 */
const FRAMEWORK_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'INVALID_PAYLOAD',
    message: 'Invalid payload. The body is not valid JSON.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'CONTENT_TOO_LARGE', message: 'Request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Unsupported media type: send the body as application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'INVALID_PAYLOAD',
    message: 'Invalid payload. Content-Length does not match the body.',
  },
  FST_ERR_BAD_URL: {
    code: 'INVALID_PATH_PARAMETER',
    message: 'Invalid path: it is not valid percent-encoding.',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'INVALID_PATH_PARAMETER',
    message: 'Invalid path: a path segment is too long.',
  },
};

function envelope(status: number, code: string, message: string, extensions: Record<string, unknown>) {
  return { status, body: { errors: [{ message, extensions: { code, ...extensions } }] } };
}

function fromAtrium(error: AtriumException): RenderedError {
  return {
    ...envelope(error.status, error.code, error.message, error.extensions),
    headers: error.headers,
    unexpected: false,
  };
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

/**
 * Renders any thrown value as the Directus v9+ error envelope. One function, used by the Nest exception
 * filter and by Fastify's own error handler (body parsing happens before Nest sees the request), so every
 * error a client can get has the same shape.
 */
export function renderError(error: unknown, path: string): RenderedError {
  if (error instanceof AtriumException) return fromAtrium(error);

  const database = translateDatabaseError(error);
  if (database) return fromAtrium(database);

  const status = statusOf(error);
  if (status !== undefined && status < 500) {
    if (status === 404) return fromAtrium(routeNotFound(path));
    const framework = FRAMEWORK_ERRORS[frameworkCodeOf(error)];
    const code = framework?.code ?? CODE_BY_STATUS[status] ?? 'INVALID_PAYLOAD';
    const message =
      framework?.message ??
      (status === 400 && error instanceof SyntaxError
        ? FRAMEWORK_ERRORS.FST_ERR_CTP_INVALID_JSON_BODY.message
        : messageOf(error) || 'Invalid request.');
    const extensions = code === 'INVALID_PAYLOAD' ? { reason: message } : {};
    return { ...envelope(status, code, message, extensions), headers: {}, unexpected: false };
  }
  if (status === 503) {
    return {
      ...envelope(503, 'SERVICE_UNAVAILABLE', 'Service unavailable.', {}),
      headers: {},
      unexpected: false,
    };
  }
  return {
    ...envelope(500, 'INTERNAL_SERVER_ERROR', 'An unexpected error occurred.', {}),
    headers: {},
    unexpected: true,
  };
}

/** Fastify's code (`FST_ERR_…`), also when Nest has wrapped the error in an HttpException as its `cause`. */
function frameworkCodeOf(error: unknown): string {
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  return String(code ?? cause?.code);
}

function messageOf(error: unknown): string {
  if (error instanceof HttpException) {
    const response = error.getResponse();
    if (typeof response === 'string') return response;
    const message = (response as { message?: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return error instanceof Error ? error.message : '';
}
