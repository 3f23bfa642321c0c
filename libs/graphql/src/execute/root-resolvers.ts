import {
  getNamedType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
} from 'graphql';
import type { SchemaOverview } from '@atrium/schema';
import { collectFields } from './collect-fields';
import type { GraphqlContext, ItemsQuery } from './graphql-context';
import { levelQuery, listOptions } from './selection-query';

type Args = Record<string, unknown>;
export type RootResolver = GraphQLFieldResolver<unknown, GraphqlContext, Args>;

const AGGREGATE_FUNCTIONS = new Set([
  'count',
  'countDistinct',
  'avg',
  'avgDistinct',
  'sum',
  'sumDistinct',
  'min',
  'max',
]);

function dataOf(text: string): unknown {
  return (JSON.parse(text) as { data: unknown }).data;
}

/** The items query the selection of a root field asks for (null: it returns no item, only `true`). */
export function selectionOf(
  overview: SchemaOverview,
  info: GraphQLResolveInfo,
  args: Args = {},
): ItemsQuery | null {
  const named = getNamedType(info.returnType);
  if (!isObjectType(named)) return null;
  const level = levelQuery(info.fieldNodes, named, {
    schema: info.schema,
    fragments: info.fragments,
    variables: info.variableValues,
    primaryOf: (collection) => overview.collections[collection]?.primary ?? 'id',
  });
  const query: ItemsQuery = { ...listOptions(args), fields: level.fields };
  if (Object.keys(level.alias).length > 0) query.alias = level.alias;
  if (Object.keys(level.deep).length > 0) query.deep = level.deep;
  return query;
}

/** The resolvers of `<c>` and `<c>_by_id`: reads only, whose answers every level resolves by response key. */
const itemsReads = new WeakSet<RootResolver>();

export function isItemsRead(resolver: GraphQLFieldResolver<unknown, unknown>): boolean {
  return itemsReads.has(resolver as RootResolver);
}

function itemsRead(resolver: RootResolver): RootResolver {
  itemsReads.add(resolver);
  return resolver;
}

/** `<c>` and `<c>_by_id`: the REST list and read by key, the selection as their `fields`. */
export function listResolver(collection: string): RootResolver {
  return itemsRead(async (_source, args, context, info) => {
    const query = selectionOf(context.request.schema, info, args) ?? {};
    return dataOf(await context.items.list(context.request, collection, query));
  });
}

export function byIdResolver(collection: string): RootResolver {
  return itemsRead(async (_source, args, context, info) => {
    const query = selectionOf(context.request.schema, info) ?? {};
    return dataOf(await context.items.readOne(context.request, collection, String(args.id), query));
  });
}

/** `<c>_aggregated`: the functions selected become `aggregate`, `group` the row's groupBy columns. */
export function aggregatedResolver(collection: string): RootResolver {
  return async (_source, args, context, info) => {
    const type = getNamedType(info.returnType) as GraphQLObjectType;
    const aggregate: Record<string, string[]> = {};
    const selected = collectFields(
      info.fieldNodes.map((node) => node.selectionSet),
      type.name,
      info.fragments,
      info.variableValues,
    );
    for (const nodes of selected.values()) {
      const name = nodes[0].name.value;
      if (name === 'countAll') aggregate.countAll = ['*'];
      if (!AGGREGATE_FUNCTIONS.has(name)) continue;
      const fieldType = getNamedType(type.getFields()[name].type) as GraphQLObjectType;
      const fields = collectFields(
        nodes.map((node) => node.selectionSet),
        fieldType.name,
        info.fragments,
        info.variableValues,
      );
      const names = [...fields.values()]
        .map((field) => field[0].name.value)
        .filter((n) => !n.startsWith('__'));
      aggregate[name] = [...new Set([...(aggregate[name] ?? []), ...names])];
    }
    const groupBy = Array.isArray(args.groupBy) ? (args.groupBy as string[]) : null;
    if (Object.keys(aggregate).length === 0) aggregate.countAll = ['*'];
    const query: ItemsQuery = { ...listOptions(args), aggregate };
    if (groupBy && groupBy.length > 0) query.groupBy = groupBy;
    const rows = dataOf(await context.items.list(context.request, collection, query)) as Record<
      string,
      unknown
    >[];
    const functions = new Set(Object.keys(aggregate));
    return rows.map((row) => ({
      ...row,
      group: groupBy ? Object.fromEntries(Object.entries(row).filter(([key]) => !functions.has(key))) : null,
    }));
  };
}

/** What a write answers: the item(s) it read back with the selection, or `true` when the type is not readable. */
function answer(text: string | null, readable: boolean): unknown {
  if (!readable) return true;
  return text === null ? null : dataOf(text);
}

export function createResolver(collection: string, many: boolean): RootResolver {
  return async (_source, args, context, info) => {
    const query = selectionOf(context.request.schema, info, many ? args : {});
    const body = many ? (args.data ?? []) : args.data;
    if (many && Array.isArray(body) && body.length === 0) return query ? [] : true;
    return answer(await context.items.create(context.request, collection, body, query ?? {}), query !== null);
  };
}

export function updateResolver(
  collection: string,
  kind: 'item' | 'items' | 'batch' | 'singleton',
): RootResolver {
  return async (_source, args, context, info) => {
    const query = selectionOf(
      context.request.schema,
      info,
      kind === 'item' || kind === 'singleton' ? {} : args,
    );
    const { items, request } = context;
    const readable = query !== null;
    switch (kind) {
      case 'item':
        return answer(
          await items.updateOne(request, collection, String(args.id), args.data, query ?? {}),
          readable,
        );
      case 'items':
        return answer(
          await items.updateMany(request, collection, { keys: args.ids, data: args.data }, query ?? {}),
          readable,
        );
      case 'batch':
        return answer(await items.updateMany(request, collection, args.data ?? [], query ?? {}), readable);
      case 'singleton':
        return answer(await items.updateSingleton(request, collection, args.data, query ?? {}), readable);
    }
  };
}

export function deleteResolver(collection: string, many: boolean): RootResolver {
  return async (_source, args, context) => {
    if (many) {
      const ids = ((args.ids as unknown[]) ?? []).map(String);
      await context.items.deleteMany(context.request, collection, ids);
      return { ids };
    }
    await context.items.deleteOne(context.request, collection, String(args.id));
    return { id: String(args.id) };
  };
}

/**
 * Every value below a root field resolves by its response key: the engine answered each level keyed by
 * the query's aliases (types with other needs, `_func` and aggregates, resolve by themselves).
 */
export const byResponseKey: GraphQLFieldResolver<unknown, GraphqlContext> = (
  source,
  _args,
  _context,
  info,
) =>
  source !== null && typeof source === 'object'
    ? (source as Record<string, unknown>)[info.path.key as string]
    : undefined;
