import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, forbidden } from '@atrium/core';
import { PermissionsService, type RequestPermissions } from '@atrium/permissions';
import {
  asText,
  collectDynamicVariables,
  keysFilter,
  compileRead,
  loadDynamicVariables,
  parseQuery,
  type CompiledQuery,
  type Query,
  type QueryContext,
  type TextRow,
} from '@atrium/query';
import { SchemaCache, type CollectionOverview, type SchemaOverview } from '@atrium/schema';
import type { ClientBase, Pool } from 'pg';
import type { ItemsContext, RawQuery } from '../items-context';
import { isSingleton, userCollection } from './collection-guard';
import { READ_STATEMENT_NAMES } from './statement-names';
import { searchBodyQuery } from './search-body';

/** What an items operation works on, once the caller's access to it is known. */
export interface ItemsTarget {
  overview: SchemaOverview;
  collection: CollectionOverview;
  permissions: RequestPermissions;
}

/** The request's permissions, which `target()` loads before any read is compiled. */
function loadedPermissions(context: ItemsContext): RequestPermissions {
  if (!context.permissions) throw new Error('items read before the request permissions were loaded');
  return context.permissions;
}

/**
 * Reads of `/items/:collection`: each request compiles to ONE statement whose JSON PostgreSQL renders as
 * text, so the controller sends the body string as it is. The caller's read permissions go into that
 * statement (row filters AND-ed in, fields limited) rather than filtering rows afterwards.
 */
@Injectable()
export class ItemsReader {
  private readonly logger = new Logger(ItemsReader.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schema: SchemaCache,
    private readonly permissionsService: PermissionsService,
  ) {}

  /**
   * The schema, the collection and the caller's permissions for a request. An unknown collection and one
   * the caller has no rule for at all (for `action`) answer the same 403, so existence never leaks.
   */
  async target(
    context: ItemsContext,
    name: string,
    action: 'read' | 'create' | 'update' | 'delete' = 'read',
  ): Promise<ItemsTarget> {
    const overview = await this.schema.get(context.tenant);
    const collection = userCollection(overview, name);
    const permissions = await this.permissions(context, overview);
    if (!permissions.allows(collection.collection, action)) throw forbidden();
    return { overview, collection, permissions };
  }

  /** The request's permissions, loaded once per request whatever number of reads and writes it makes. */
  permissions(context: ItemsContext, overview: SchemaOverview): Promise<RequestPermissions> {
    return this.permissionsService.forContext(context, overview);
  }

  async list(context: ItemsContext, name: string, raw: RawQuery): Promise<string> {
    const { overview, collection } = await this.target(context, name);
    return this.listOn(await context.tenant.pool(), overview, collection, parseQuery(raw), context);
  }

  /** `SEARCH`: the body's `{query, keys}` replaces the URL query. */
  async search(context: ItemsContext, name: string, body: unknown): Promise<string> {
    const { overview, collection } = await this.target(context, name);
    const query = searchBodyQuery(body, collection.primary as string);
    return this.listOn(await context.tenant.pool(), overview, collection, query, context);
  }

  async readOne(context: ItemsContext, name: string, key: string, raw: RawQuery): Promise<string> {
    const { overview, collection } = await this.target(context, name);
    const row = await this.one(
      await context.tenant.pool(),
      overview,
      context,
      collection.collection,
      parseQuery(raw),
      key,
    );
    if (row.missing) throw forbidden();
    return row.body;
  }

  /** One item by key as `{"data": …}` text, on any connection (a transaction's for read-backs). */
  async one(
    db: Pool | ClientBase,
    overview: SchemaOverview,
    context: ItemsContext,
    collection: string,
    query: Query,
    key: unknown,
  ): Promise<TextRow> {
    const compiled = compileRead(overview, this.access(context), collection, query, {
      context: await this.queryContextFor(db, context, query),
      limits: this.config.queryLimit,
      byKey: key,
    });
    return this.run(db, asText(compiled, { missing: true }));
  }

  /** Several items by key as `{"data": [...]}` text (primary-key order), for read-backs. */
  async many(
    db: Pool | ClientBase,
    overview: SchemaOverview,
    context: ItemsContext,
    collection: CollectionOverview,
    query: Query,
    keys: readonly unknown[],
  ): Promise<string> {
    if (keys.length === 0) return '{"data":[]}';
    const compiled = compileRead(
      overview,
      this.access(context),
      collection.collection,
      {
        ...query,
        filter: keysFilter(collection.primary as string, keys, null),
        limit: -1,
        offset: null,
        page: null,
        meta: [],
      },
      { context: this.queryContext(context), limits: this.config.queryLimit },
    );
    return (await this.run(db, asText(compiled))).body;
  }

  /** A list read as `{"data": [...]}` text (a singleton's as its object), on any connection. */
  async listOn(
    db: Pool | ClientBase,
    overview: SchemaOverview,
    collection: CollectionOverview,
    query: Query,
    context: ItemsContext,
  ): Promise<string> {
    const singleton = isSingleton(collection);
    const compiled = compileRead(
      overview,
      this.access(context),
      collection.collection,
      singleton ? { ...query, limit: 1, offset: null, page: null, meta: [] } : query,
      { context: await this.queryContextFor(db, context, query), limits: this.config.queryLimit },
    );
    return (await this.run(db, asText(compiled, { first: singleton }))).body;
  }

  /**
   * Runs one compiled read. At debug level the statement is logged (its text only: the values may hold
   * user data), which shows that a read with relations is a single statement.
   */
  private async run(db: Pool | ClientBase, statement: CompiledQuery): Promise<TextRow> {
    this.logger.debug({ sql: statement.text }, 'items read');
    // Named: a connection parses the statement (and may keep its plan) once, then only binds and executes.
    const name = READ_STATEMENT_NAMES.nameOf(statement.text);
    const { rows } = await db.query<TextRow>(name === undefined ? statement : { ...statement, name });
    return rows[0];
  }

  private access(context: ItemsContext) {
    return loadedPermissions(context).access('read');
  }

  /**
   * The dynamic values of a query: the permissions' own, plus any `$CURRENT_USER.<path>` the query's filters
   * name that the permissions did not need (fetched in one read).
   */
  async queryContextFor(db: Pool | ClientBase, context: ItemsContext, query: Query): Promise<QueryContext> {
    const permissions = loadedPermissions(context);
    const missing = collectDynamicVariables([query.filter, query.deep]).filter(
      (name) => !(name in permissions.variables),
    );
    const extra =
      missing.length === 0
        ? {}
        : await loadDynamicVariables(
            db,
            permissions.overview,
            { userId: permissions.subject.user, roleId: permissions.subject.role },
            missing,
          );
    context.queryContext = permissions.queryContext(context.queryContext?.now ?? new Date(), extra);
    return context.queryContext;
  }

  /** The context of the request's last compiled read (read-backs after a write reuse it). */
  queryContext(context: ItemsContext): QueryContext {
    return (
      context.queryContext ??
      context.permissions?.queryContext() ?? { userId: null, roleId: null, now: new Date() }
    );
  }
}
