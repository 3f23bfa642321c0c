import { Logger } from '@nestjs/common';
import { renderError } from '@atrium/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

const logger = new Logger('GraphQL');

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

/** Errors of a document refused before it runs (syntax, limits, validation): Directus's GRAPHQL_VALIDATION. */
export function validationErrors(errors: readonly GraphQLError[]): { errors: GraphQLFormattedError[] } {
  return {
    errors: errors.map((error) => ({
      message: error.message,
      locations: error.locations,
      extensions: { code: 'GRAPHQL_VALIDATION' },
    })),
  };
}
