import {
  GraphQLBoolean,
  GraphQLID,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLFieldConfigMap,
  type GraphQLOutputType,
} from 'graphql';
import type { CollectionOverview, SchemaOverview } from '@atrium/schema';
import type { GraphqlContext, GraphqlScope } from '../execute/graphql-context';
import {
  aggregatedResolver,
  byIdResolver,
  createResolver,
  deleteResolver,
  listResolver,
  updateResolver,
} from '../execute/root-resolvers';
import { isGraphqlName } from './graphql-names';
import type { PermittedFields } from '@atrium/permissions';
import { listArgs, ReadTypes } from './read-types';
import { GraphQLVoid } from './scalars';
import { systemFields } from './system-fields';
import { WriteTypes } from './write-types';

type Fields = GraphQLFieldConfigMap<unknown, GraphqlContext>;

/**
 * The system collections `/graphql/system` serves, and the writes each takes there (the REST routes'
 * own: activity and revisions are read-only, files are uploaded through REST, settings is a singleton).
 */
const SYSTEM_WRITES: Readonly<Record<string, ReadonlyArray<'create' | 'update' | 'delete'>>> = {
  directus_users: ['create', 'update', 'delete'],
  directus_roles: ['create', 'update', 'delete'],
  directus_policies: ['create', 'update', 'delete'],
  directus_access: ['create', 'update', 'delete'],
  directus_permissions: ['create', 'update', 'delete'],
  directus_comments: ['create', 'update', 'delete'],
  directus_folders: ['create', 'update', 'delete'],
  directus_presets: ['create', 'update', 'delete'],
  directus_files: ['update', 'delete'],
  directus_settings: ['update'],
  directus_activity: [],
  directus_revisions: [],
};

const deleteOne = new GraphQLObjectType({
  name: 'delete_one',
  fields: { id: { type: new GraphQLNonNull(GraphQLID) } },
});
const deleteMany = new GraphQLObjectType({
  name: 'delete_many',
  fields: { ids: { type: new GraphQLNonNull(new GraphQLList(GraphQLID)) } },
});

function isSystem(collection: CollectionOverview): boolean {
  return collection.system || collection.collection.startsWith('directus_');
}

/** The root field name of a collection: its own in `/graphql`, without `directus_` in `/graphql/system`. */
function rootName(scope: GraphqlScope, collection: string): string {
  return scope === 'items' ? collection : collection.slice('directus_'.length);
}

/**
 * The GraphQL schema one caller sees of one project at one schema version: a root field per collection
 * of the scope it may read, mutations only for what it may write — names and types as Directus generates
 * them, so documents written for Directus run unchanged.
 */
export function buildGraphqlSchema(
  overview: SchemaOverview,
  permitted: PermittedFields,
  scope: GraphqlScope,
): GraphQLSchema {
  const read = new ReadTypes(overview, permitted.read);
  const write = new WriteTypes(overview, permitted);
  const inScope = Object.values(overview.collections).filter((collection) =>
    scope === 'items' ? !isSystem(collection) : collection.collection in SYSTEM_WRITES,
  );
  const mayWrite = (collection: string, action: 'create' | 'update' | 'delete') =>
    scope === 'items' || SYSTEM_WRITES[collection]?.includes(action) === true;

  const query: Fields = {};
  const mutation: Fields = {};
  for (const collection of inScope) {
    const name = collection.collection;
    if (!isGraphqlName(name)) continue;
    const root = rootName(scope, name);
    const singleton = collection.meta?.singleton === true;
    const readable = read.has(name);
    if (readable) {
      const object = read.object(name);
      if (singleton) query[root] = { type: object, resolve: listResolver(name) };
      else {
        query[root] = {
          type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(object))),
          args: listArgs(read.filter(name)),
          resolve: listResolver(name),
        };
        query[`${root}_by_id`] = {
          type: object,
          args: { id: { type: new GraphQLNonNull(GraphQLID) } },
          resolve: byIdResolver(name),
        };
        const { filter: _filter, ...aggregateArgs } = listArgs(read.filter(name));
        query[`${root}_aggregated`] = {
          type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(read.aggregated(name)))),
          args: { groupBy: { type: new GraphQLList(GraphQLString) }, filter: _filter, ...aggregateArgs },
          resolve: aggregatedResolver(name),
        };
      }
    }
    const one: GraphQLOutputType = readable ? read.object(name) : GraphQLBoolean;
    const many: GraphQLOutputType = readable
      ? new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(read.object(name))))
      : GraphQLBoolean;
    const readArgs = readable ? listArgs(read.filter(name)) : {};
    if (!singleton && write.has('create', name) && mayWrite(name, 'create')) {
      const input = new GraphQLNonNull(write.input('create', name));
      mutation[`create_${root}_items`] = {
        type: many,
        args: { ...readArgs, data: { type: new GraphQLList(input) } },
        resolve: createResolver(name, true),
      };
      mutation[`create_${root}_item`] = {
        type: one,
        args: { data: { type: input } },
        resolve: createResolver(name, false),
      };
    }
    if (write.has('update', name) && mayWrite(name, 'update')) {
      const input = new GraphQLNonNull(write.input('update', name));
      if (singleton) {
        mutation[`update_${root}`] = {
          type: one,
          args: { data: { type: input } },
          resolve: updateResolver(name, 'singleton'),
        };
      } else {
        mutation[`update_${root}_items`] = {
          type: many,
          args: {
            ...readArgs,
            ids: { type: new GraphQLNonNull(new GraphQLList(GraphQLID)) },
            data: { type: input },
          },
          resolve: updateResolver(name, 'items'),
        };
        mutation[`update_${root}_batch`] = {
          type: many,
          args: { ...readArgs, data: { type: new GraphQLList(input) } },
          resolve: updateResolver(name, 'batch'),
        };
        mutation[`update_${root}_item`] = {
          type: one,
          args: { id: { type: new GraphQLNonNull(GraphQLID) }, data: { type: input } },
          resolve: updateResolver(name, 'item'),
        };
      }
    }
    if (!singleton && permitted.delete.has(name) && mayWrite(name, 'delete')) {
      mutation[`delete_${root}_items`] = {
        type: deleteMany,
        args: { ids: { type: new GraphQLNonNull(new GraphQLList(GraphQLID)) } },
        resolve: deleteResolver(name, true),
      };
      mutation[`delete_${root}_item`] = {
        type: deleteOne,
        args: { id: { type: new GraphQLNonNull(GraphQLID) } },
        resolve: deleteResolver(name, false),
      };
    }
  }
  if (scope === 'system') {
    const system = systemFields(read);
    Object.assign(query, system.query);
    Object.assign(mutation, system.mutation);
  }
  if (Object.keys(query).length === 0) {
    query._empty = { type: GraphQLVoid, description: "There's no data to query." };
  }
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: query }),
    mutation:
      Object.keys(mutation).length > 0
        ? new GraphQLObjectType({ name: 'Mutation', fields: mutation })
        : undefined,
  });
}
