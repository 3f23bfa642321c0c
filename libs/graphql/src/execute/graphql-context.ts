import type { RequestContext } from '@atrium/permissions';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Which endpoint a schema serves: `/graphql` (user collections) or `/graphql/system`. */
export type GraphqlScope = 'items' | 'system';

/** A read's or a write's URL query, in the items engine's terms (fields, filter, deep, alias…). */
export type ItemsQuery = Record<string, unknown>;

/**
 * What the resolvers run against: the same operations the REST routes call, so a GraphQL read or write
 * is the REST one (permissions, hooks, activity, one statement) under another syntax. Bodies come back
 * as the `{"data": …}` text the engine renders; null when the caller may not read what it wrote.
 */
export interface GraphqlItems {
  list(context: RequestContext, collection: string, query: ItemsQuery): Promise<string>;
  readOne(context: RequestContext, collection: string, key: string, query: ItemsQuery): Promise<string>;
  create(
    context: RequestContext,
    collection: string,
    body: unknown,
    query: ItemsQuery,
  ): Promise<string | null>;
  updateOne(
    context: RequestContext,
    collection: string,
    key: string,
    body: unknown,
    query: ItemsQuery,
  ): Promise<string | null>;
  updateMany(
    context: RequestContext,
    collection: string,
    body: unknown,
    query: ItemsQuery,
  ): Promise<string | null>;
  updateSingleton(
    context: RequestContext,
    collection: string,
    body: unknown,
    query: ItemsQuery,
  ): Promise<string | null>;
  deleteOne(context: RequestContext, collection: string, key: string): Promise<void>;
  deleteMany(context: RequestContext, collection: string, keys: readonly string[]): Promise<void>;
}

export interface AuthTokensView {
  access_token?: string;
  expires: number;
  refresh_token?: string;
}

export type AuthModeArg = 'json' | 'cookie' | 'session';

/** The system endpoint's own operations: sign-in, the caller's user, the server (REST's auth and server routes). */
export interface GraphqlSystem {
  login(
    args: { email: string; password: string; mode?: AuthModeArg; otp?: string },
    http: GraphqlHttp,
  ): Promise<AuthTokensView>;
  refresh(args: { refresh_token?: string; mode?: AuthModeArg }, http: GraphqlHttp): Promise<AuthTokensView>;
  logout(args: { refresh_token?: string; mode?: AuthModeArg }, http: GraphqlHttp): Promise<void>;
  me(context: RequestContext, query: ItemsQuery): Promise<string>;
  serverInfo(http: GraphqlHttp): Promise<Record<string, unknown>>;
}

export interface GraphqlHttp {
  request: FastifyRequest;
  reply: FastifyReply;
}

/** The `contextValue` of every execution. */
export interface GraphqlContext {
  request: RequestContext;
  items: GraphqlItems;
  system: GraphqlSystem;
  http: GraphqlHttp;
}
