import {
  getArgumentValues,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { collectFields, fragmentsOf, type Fragments, type Variables } from './collect-fields';
import type { GraphqlContext } from './graphql-context';
import { isItemsRead } from './root-resolvers';

/** How one value of the answer is completed: a leaf serialised, a list, or an object's fields by response key. */
type Plan =
  | { kind: 'leaf'; nonNull: boolean; type: GraphQLLeafType }
  | { kind: 'list'; nonNull: boolean; of: Plan }
  | {
      kind: 'object';
      nonNull: boolean;
      typeName: string;
      fields: ReadonlyArray<[string, Plan | 'typename']>;
    };

/** Thrown while completing when the answer is not what the plain path may complete itself. */
class NotPlain extends Error {}

/** The plan of a value of `type` selected by `nodes`, or null when some field below resolves by itself. */
function planOf(
  type: GraphQLOutputType,
  nodes: readonly FieldNode[],
  fragments: Fragments,
  variables: Variables,
): Plan | null {
  const nonNull = isNonNullType(type);
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const of = planOf(nullable.ofType as GraphQLOutputType, nodes, fragments, variables);
    return of && { kind: 'list', nonNull, of };
  }
  if (isLeafType(nullable)) return { kind: 'leaf', nonNull, type: nullable };
  if (!isObjectType(nullable)) return null; // a union (m2a) picks its member by itself
  const fields = planFields(nullable, nodes, fragments, variables);
  return fields && { kind: 'object', nonNull, typeName: nullable.name, fields };
}

function planFields(
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
  fragments: Fragments,
  variables: Variables,
): Array<[string, Plan | 'typename']> | null {
  const definitions = type.getFields();
  const selected = collectFields(
    nodes.map((node) => node.selectionSet),
    type.name,
    fragments,
    variables,
  );
  const out: Array<[string, Plan | 'typename']> = [];
  for (const [key, fieldNodes] of selected) {
    const name = fieldNodes[0].name.value;
    if (name === '__typename') {
      out.push([key, 'typename']);
      continue;
    }
    const definition = definitions[name];
    // `_func` parts, aggregates and m2a members resolve by themselves: graphql-js runs those documents.
    if (!definition || definition.resolve) return null;
    const plan = planOf(definition.type, fieldNodes, fragments, variables);
    if (!plan) return null;
    out.push([key, plan]);
  }
  return out;
}

function complete(value: unknown, plan: Plan): unknown {
  if (value === null || value === undefined) {
    if (plan.nonNull) throw new NotPlain();
    return null;
  }
  switch (plan.kind) {
    case 'leaf':
      return plan.type.serialize(value);
    case 'list':
      if (!Array.isArray(value)) throw new NotPlain();
      return value.map((item) => complete(item, plan.of));
    case 'object': {
      if (typeof value !== 'object') throw new NotPlain();
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, field] of plan.fields) {
        out[key] = field === 'typename' ? plan.typeName : complete(source[key], field);
      }
      return out;
    }
  }
}

interface PlainQueryArgs {
  schema: GraphQLSchema;
  document: DocumentNode;
  context: GraphqlContext;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

/**
 * Runs a query whose root fields are all item reads (`<c>`, `<c>_by_id`) and whose every field below reads
 * the engine's answer by its response key, completing that answer itself instead of through graphql-js's
 * executor, whose per-field work (arguments, resolve info, promise checks) costs more than the statement
 * on a 25-row list. The answer is the one graphql-js gives: the same resolvers with the same arguments,
 * values serialised by their types in selection order. Anything else answers undefined, and so does any
 * error (a refused read, a null where the type forbids one): graphql-js then runs the document and
 * reports it in its own words. Only reads come here, so running one twice changes nothing.
 */
export async function executePlainQuery(args: PlainQueryArgs): Promise<ExecutionResult | undefined> {
  const { schema, document, context } = args;
  const operation = getOperationAST(document, args.operationName);
  const queryType = schema.getQueryType();
  if (operation?.operation !== 'query' || !queryType) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], args.variables ?? {});
  if (coerced.errors) return undefined;
  const variables = coerced.coerced;
  const fragments = fragmentsOf(document);
  const definitions = queryType.getFields();

  const roots: Array<{ key: string; plan: Plan; run: () => unknown }> = [];
  for (const [key, nodes] of collectFields([operation.selectionSet], queryType.name, fragments, variables)) {
    const definition = definitions[nodes[0].name.value];
    if (!definition || !definition.resolve || !isItemsRead(definition.resolve)) return undefined;
    const plan = planOf(definition.type, nodes, fragments, variables);
    if (!plan) return undefined;
    const resolve = definition.resolve;
    const info: GraphQLResolveInfo = {
      fieldName: definition.name,
      fieldNodes: nodes,
      returnType: definition.type,
      parentType: queryType,
      path: { prev: undefined, key, typename: queryType.name },
      schema,
      fragments,
      rootValue: undefined,
      operation,
      variableValues: variables,
    };
    roots.push({
      key,
      plan,
      run: () => resolve(undefined, getArgumentValues(definition, nodes[0], variables), context, info),
    });
  }
  try {
    // Root fields of a query run side by side, as graphql-js runs them.
    const values = await Promise.all(roots.map((root) => root.run()));
    const data: Record<string, unknown> = {};
    roots.forEach((root, n) => (data[root.key] = complete(values[n], root.plan)));
    return { data };
  } catch {
    return undefined;
  }
}
