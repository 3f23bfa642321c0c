import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AtriumException } from '../errors/atrium.exception';

/**
 * The first problem of a DTO's validation, worded as Directus's Joi schemas word it: a property that is not
 * there at all is `"email" is required`, whatever rules it would have broken; otherwise the failed rule's own
 * message. Nested properties are named by their path (`"quota.size" is required`).
 */
export function firstProblem(errors: ValidationError[], parent = ''): string | null {
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {});
    if (own.length > 0) return error.value === undefined ? `"${path}" is required` : own[0];
    const nested = firstProblem(error.children ?? [], path);
    if (nested !== null) return nested;
  }
  return null;
}

/**
 * Directus's envelope for a Joi failure: 400 INVALID_PAYLOAD, `reason` the problem and the message
 * `Invalid payload. <reason>.`. Like Joi (abortEarly), only the first problem is reported.
 */
export function invalidPayloadFor(errors: ValidationError[]): AtriumException {
  const reason = firstProblem(errors) ?? 'Invalid payload';
  const message = `Invalid payload. ${reason}${/[.!?]$/.test(reason) ? '' : '.'}`;
  return new AtriumException('INVALID_PAYLOAD', message, { reason });
}

/** DTO validation for static routes; failures become 400 INVALID_PAYLOAD with the reason. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: invalidPayloadFor,
  });
}
