import { Logger } from '@nestjs/common';
import { renderError } from '@atrium/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

const logger = new Logger('GraphQL');

/** GraphQL's words for a field its schema lacks: to this caller, one it may not use (or that isn't there). */
const UNKNOWN_FIELD = /^Cannot query field "[^"]+" on type "[^"]+"\./;
/** GraphQL's hint at names the caller may have meant. */
const SUGGESTION = / Did you mean .*\?$/;

/**
 * One error of an execution in GraphQL's shape with the code Directus gives it: an error the items engine
 * threw keeps its code and extensions (FORBIDDEN, FAILED_VALIDATION…), one GraphQL raised itself (a value
 * that doesn't fit its type) is GRAPHQL_EXECUTION, and an unexpected one says nothing of its cause.
 */
export function formatExecutionError(error: GraphQLError, path: string): GraphQLFormattedError {
  const base = { message: error.message, locations: error.locations, path: error.path };
  const original = error.originalError;
  if (!original || original instanceof GraphQLError) {
    return { ...base, extensions: { code: 'GRAPHQL_EXECUTION' } };
  }
  const rendered = renderError(original, path);
  if (rendered.unexpected) logger.error({ err: original, path }, 'unexpected error');
  const [first] = rendered.body.errors;
  return { ...base, message: first.message, extensions: first.extensions };
}

/**
 * Errors of a document refused before it runs (syntax, limits, validation) — Directus's GRAPHQL_VALIDATION,
 * with one exception: a field the caller's schema lacks is FORBIDDEN, as a field or collection it may not
 * read is in REST, since its schema leaves out exactly what its permissions refuse. Suggestions of other
 * names go when introspection is off, so they can't stand in for it. 403 when every error is a refusal.
 */
export function validationErrors(
  errors: readonly GraphQLError[],
  suggest = true,
): { status: number; body: { errors: GraphQLFormattedError[] } } {
  const formatted = errors.map((error) => {
    const code = UNKNOWN_FIELD.test(error.message) ? 'FORBIDDEN' : 'GRAPHQL_VALIDATION';
    const message = suggest ? error.message : error.message.replace(SUGGESTION, '');
    return { message, locations: error.locations, extensions: { code } };
  });
  const refused = formatted.every((error) => error.extensions.code === 'FORBIDDEN');
  return { status: refused ? 403 : 400, body: { errors: formatted } };
}
