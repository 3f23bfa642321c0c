import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  AtriumException,
  forbidden,
  invalidPayload,
  isPlainObject,
} from '@atrium/core';
import {
  execute,
  getOperationAST,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { GraphqlSchemas } from '../schema/graphql-schemas';
import { checkDocumentLimits } from './document-limits';
import { formatExecutionError, validationErrors } from './graphql-errors';
import type { GraphqlContext, GraphqlScope } from './graphql-context';
import { executePlainQuery } from './plain-query';
import { byResponseKey } from './root-resolvers';
import { ValidatedDocuments } from './validated-documents';

/** A GraphQL request as it arrives: a POST body, or GET's `query`, `variables`, `operationName`. */
export interface GraphqlParams {
  query: string;
  variables: Record<string, unknown> | null;
  operationName: string | null;
}

export interface GraphqlAnswer {
  status: number;
  body: unknown;
}

function parseVariables(input: unknown): Record<string, unknown> | null {
  if (input === undefined || input === null || input === '') return null;
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch {
      throw invalidPayload('"variables" must be a JSON object.');
    }
  }
  if (!isPlainObject(value)) throw invalidPayload('"variables" must be an object.');
  return value as Record<string, unknown>;
}

/** The request's document, variables and operation, from a POST body or a GET query string. */
export function graphqlParams(source: unknown): GraphqlParams {
  if (!isPlainObject(source)) throw invalidPayload('The body has to be an object with a "query".');
  const { query, variables, operationName } = source as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '')
    throw invalidPayload('Must provide a "query" string.');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw invalidPayload('"operationName" must be a string.');
  }
  return { query, variables: parseVariables(variables), operationName: operationName ?? null };
}

/**
 * Runs a GraphQL document against the caller's generated schema: the token limit while parsing, the depth
 * and field limits before GraphQL's validation (which compares every pair of sibling fields), the
 * introspection switch among the rules, then execution, each root field one items-engine call.
 */
@Injectable()
export class GraphqlRunner {
  private readonly schemas = new GraphqlSchemas();
  private readonly documents = new ValidatedDocuments();
  private readonly rules: readonly ValidationRule[];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.rules = config.graphql.introspection
      ? specifiedRules
      : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  }

  sdl(context: GraphqlContext['request'], scope: GraphqlScope): string {
    return this.schemas.sdlFor(context.schema, context.permissions, scope);
  }

  /** Generated schemas held, for tests. */
  get cachedSchemas(): number {
    return this.schemas.size;
  }

  async run(
    params: GraphqlParams,
    context: GraphqlContext,
    scope: GraphqlScope,
    method: 'GET' | 'POST',
    path: string,
  ): Promise<GraphqlAnswer> {
    const schema = this.schemas.schemaFor(context.request.schema, context.request.permissions, scope);
    const document = this.documents.get(schema, params.query) ?? this.check(schema, params.query);
    if ('status' in document) return document;

    const operation = getOperationAST(document, params.operationName ?? undefined);
    if (operation?.operation === 'subscription') {
      return validationErrors([new GraphQLError('Subscriptions are not supported.', { nodes: operation })]);
    }
    if (operation?.operation === 'mutation') {
      if (method === 'GET') {
        throw new AtriumException(
          'METHOD_NOT_ALLOWED',
          'Mutations are sent with POST, not GET.',
          {},
          { Allow: 'POST' },
        );
      }
      // A caller without a single permitted write has no Mutation type: its mutations are refusals too.
      if (!schema.getMutationType()) throw forbidden();
    }
    const variableValues = params.variables ?? undefined;
    const operationName = params.operationName ?? undefined;
    const plain = await executePlainQuery({
      schema,
      document,
      context,
      variables: variableValues,
      operationName,
    });
    if (plain) return { status: 200, body: plain };
    const result: ExecutionResult = await execute({
      schema,
      document,
      contextValue: context,
      variableValues,
      operationName,
      fieldResolver: byResponseKey,
    });
    if (!result.errors?.length) return { status: 200, body: { data: result.data } };
    const errors = result.errors.map((error) => formatExecutionError(error, path));
    // A document that could not start (a bad variable, an unknown operation) answers 400, as Directus does.
    return result.data === undefined
      ? { status: 400, body: { errors } }
      : { status: 200, body: { data: result.data, errors } };
  }

  /** Parses, limits and validates a document new to this schema: the document, or the answer refusing it. */
  private check(schema: GraphQLSchema, query: string): DocumentNode | GraphqlAnswer {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.config.graphql.tokenLimit });
    } catch (error) {
      if (error instanceof GraphQLError) return validationErrors([error]);
      throw error;
    }
    const limited = checkDocumentLimits(document, this.config.graphql);
    if (limited) return validationErrors([limited]);
    const invalid = validate(schema, document, this.rules);
    if (invalid.length > 0) return validationErrors(invalid, this.config.graphql.introspection);
    this.documents.set(schema, query, document);
    return document;
  }
}
