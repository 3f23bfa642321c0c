import type { GraphQLFieldResolver } from 'graphql';

/**
 * Resolves a field by its own name, not its response key: for objects the API builds itself (an aggregate
 * row, server info), whose keys are the schema's field names whatever aliases the query gave them.
 */
export const byFieldName: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) =>
  (source as Record<string, unknown>)[info.fieldName];
