import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLFieldConfigMap,
} from 'graphql';
import type { AuthModeArg, GraphqlContext } from '../execute/graphql-context';
import { selectionOf } from '../execute/root-resolvers';
import { byFieldName } from './by-field-name';
import type { ReadTypes } from './read-types';
import { GraphQLBigInt, GraphQLJSON } from './scalars';

type Fields = GraphQLFieldConfigMap<unknown, GraphqlContext>;
type AuthArgs = { email: string; password: string; mode?: AuthModeArg; otp?: string };
type SessionArgs = { refresh_token?: string; mode?: AuthModeArg };

const authTokens = new GraphQLObjectType({
  name: 'auth_tokens',
  fields: {
    access_token: { type: GraphQLString },
    expires: { type: GraphQLBigInt },
    refresh_token: { type: GraphQLString },
  },
});

const authMode = new GraphQLEnumType({
  name: 'auth_mode',
  values: { json: { value: 'json' }, cookie: { value: 'cookie' }, session: { value: 'session' } },
});

/** `server_info`: the project's public face, and for a signed-in caller the limits the REST route shows. */
const serverInfo = new GraphQLObjectType({
  name: 'server_info',
  fields: {
    project: { type: GraphQLJSON, resolve: byFieldName },
    rateLimit: { type: GraphQLJSON, resolve: byFieldName },
    rateLimitGlobal: { type: GraphQLJSON, resolve: byFieldName },
    queryLimit: { type: GraphQLJSON, resolve: byFieldName },
    uploads: { type: GraphQLJSON, resolve: byFieldName },
    websocket: { type: GraphQLJSON, resolve: byFieldName },
    version: { type: GraphQLString, resolve: byFieldName },
  },
});

/**
 * The system endpoint's fields beyond its collections: the caller's user (`users_me`), the server
 * (`server_ping`, `server_info`) and sign-in (`auth_login`, `auth_refresh`, `auth_logout`), answering
 * as the REST routes of the same names do.
 */
export function systemFields(read: ReadTypes): { query: Fields; mutation: Fields } {
  const query: Fields = {
    server_ping: { type: GraphQLString, resolve: () => 'pong' },
    server_info: {
      type: serverInfo,
      resolve: (_source, _args, context) => context.system.serverInfo(context.http),
    },
  };
  if (read.has('directus_users')) {
    query.users_me = {
      type: read.object('directus_users'),
      resolve: async (_source, _args, context, info) => {
        if (!context.request.accountability.user) return null;
        const text = await context.system.me(
          context.request,
          selectionOf(context.request.schema, info) ?? {},
        );
        return (JSON.parse(text) as { data: unknown }).data;
      },
    };
  }
  const session = { refresh_token: { type: GraphQLString }, mode: { type: authMode } };
  const mutation: Fields = {
    auth_login: {
      type: authTokens,
      args: {
        email: { type: new GraphQLNonNull(GraphQLString) },
        password: { type: new GraphQLNonNull(GraphQLString) },
        mode: { type: authMode },
        otp: { type: GraphQLString },
      },
      resolve: (_source, args, context) => context.system.login(args as AuthArgs, context.http),
    },
    auth_refresh: {
      type: authTokens,
      args: session,
      resolve: (_source, args, context) => context.system.refresh(args as SessionArgs, context.http),
    },
    auth_logout: {
      type: GraphQLBoolean,
      args: session,
      resolve: async (_source, args, context) => {
        await context.system.logout(args as SessionArgs, context.http);
        return true;
      },
    },
  };
  return { query, mutation };
}
