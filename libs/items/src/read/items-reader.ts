import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, forbidden } from '@atrium/core';
import type { RequestContext } from '@atrium/permissions';
import {
  asText,
  collectDynamicVariables,
  keysFilter,
  compileRead,
  loadDynamicVariables,
  parseQuery,
  type Access,
  type CompiledQuery,
  type CompiledRead,
  type Query,
  type QueryContext,
  type TextRow,
} from '@atrium/query';
import type { CollectionOverview } from '@atrium/schema';
import type { ClientBase, Pool } from 'pg';
import type { RawQuery } from '../raw-query';
import { isSingleton, routeCollection, type CollectionScope } from './collection-guard';
import { orderByKeys, type JsonRow } from './order-by-keys';
import { CompiledReads, type ReadKind } from './compiled-reads';
import { READ_STATEMENT_NAMES } from './statement-names';
import { searchBodyQuery } from './search-body';

type PermissionAction = 'read' | 'create' | 'update' | 'delete';

/** Where a read runs: the request's open transaction when it has one, else the tenant pool. */
async function connectionOf(context: RequestContext): Promise<Pool | ClientBase> {
  return context.db ?? (await context.tenant.pool());
}

/** `access` with every field of `collection` readable on the rows its row filter lets through. */
function rowAccess(access: Access, collection: string): Access {
  if (access === 'admin') return access;
  const rules = access.collections[collection];
  if (!rules) return access;
  return {
    collections: { ...access.collections, [collection]: { rowFilter: rules.rowFilter, fields: '*' } },
  };
}

/**
 * Every read of every collection — `/items/:collection` and the system routes alike. Each request compiles
 * to ONE named statement whose JSON PostgreSQL renders as text, so the controller sends the body string as
 * it is. The caller's read permissions go into that statement (row filters AND-ed in, fields limited)
 * rather than filtering rows afterwards; the schema overlay makes system collections read like user ones
 * (secrets concealed, csv/json cast, relations followable).
 */
@Injectable()
export class ItemsReader {
  private readonly logger = new Logger(ItemsReader.name);
  /** GET reads compiled once and reused by the requests that repeat them. */
  private readonly compiled = new CompiledReads();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * The collection a route names, once the caller may act on it. An unknown collection and one the caller
   * has no rule for at all (for `action`) answer the same 403, so existence never leaks.
   */
  target(
    context: RequestContext,
    name: string,
    action: PermissionAction = 'read',
    scope: CollectionScope = 'user',
  ): CollectionOverview {
    const collection = routeCollection(context.schema, name, scope);
    if (!context.permissions.allows(collection.collection, action)) throw forbidden();
    return collection;
  }

  async list(context: RequestContext, name: string, raw: RawQuery, scope?: CollectionScope): Promise<string> {
    const collection = this.target(context, name, 'read', scope);
    const first = isSingleton(collection);
    const row = await this.reusing(
      context,
      collection.collection,
      first ? 'first' : 'list',
      raw,
      undefined,
      () => this.compileList(context, collection, parseQuery(raw), first),
    );
    return row.body;
  }

  /** `SEARCH`: the body's `{query, keys}` replaces the URL query. */
  async search(
    context: RequestContext,
    name: string,
    body: unknown,
    scope?: CollectionScope,
  ): Promise<string> {
    const collection = this.target(context, name, 'read', scope);
    return this.listOn(context, collection, searchBodyQuery(body, collection.primary as string));
  }

  async readOne(
    context: RequestContext,
    name: string,
    key: string,
    raw: RawQuery,
    scope?: CollectionScope,
  ): Promise<string> {
    const row = await this.oneOf(context, this.target(context, name, 'read', scope).collection, raw, key);
    if (row.missing) throw forbidden();
    return row.body;
  }

  /**
   * One item by key as `{"data": …}` text (`missing` when it isn't there or isn't readable) for the URL query
   * `raw`, its statement reused by the requests that repeat it (a read by id, a write's read-back).
   */
  oneOf(context: RequestContext, collection: string, raw: RawQuery, key: unknown): Promise<TextRow> {
    return this.reusing(context, collection, 'one', raw, key, () =>
      this.compileOne(context, collection, parseQuery(raw), key),
    );
  }

  /**
   * Runs a GET read's statement: the one kept for an identical earlier request when there is one (only the
   * item key bound anew), else `compile`'s, kept for the next.
   */
  private async reusing(
    context: RequestContext,
    collection: string,
    kind: ReadKind,
    raw: RawQuery,
    itemKey: unknown,
    compile: () => Promise<{ compiled: CompiledRead; statement: CompiledQuery }>,
  ): Promise<TextRow> {
    const key = this.compiled.keyOf(context, collection, kind, raw);
    const kept = key === null ? undefined : this.compiled.statement(key, itemKey);
    if (kept) return this.run(await connectionOf(context), kept);
    const { compiled, statement } = await compile();
    if (key !== null) this.compiled.remember(key, compiled, statement);
    return this.run(await connectionOf(context), statement);
  }

  /** One item by key as `{"data": …}` text (`missing` when it isn't there or isn't readable). */
  async one(context: RequestContext, collection: string, query: Query, key: unknown): Promise<TextRow> {
    const { statement } = await this.compileOne(context, collection, query, key);
    return this.run(await connectionOf(context), statement);
  }

  private async compileOne(
    context: RequestContext,
    collection: string,
    query: Query,
    key: unknown,
  ): Promise<{ compiled: CompiledRead; statement: CompiledQuery }> {
    const compiled = await this.compile(context, collection, query, { byKey: key });
    return { compiled, statement: asText(compiled, { missing: true }) };
  }

  /**
   * Server-side columns of one row the caller may read: their row filter applies (access is "can read the
   * row"), their field permissions do not, since the route needs facts the caller need not see (where a
   * file's bytes lie). One statement; null when the row isn't there or isn't readable.
   */
  async rowFacts<T extends object>(
    context: RequestContext,
    name: string,
    key: string,
    fields: Query,
    scope?: CollectionScope,
  ): Promise<T | null> {
    const collection = this.target(context, name, 'read', scope).collection;
    const access = rowAccess(this.readAccess(context), collection);
    const compiled = await this.compile(context, collection, fields, { access, byKey: key });
    const db = await connectionOf(context);
    // The JSON comes back parsed (pg's json type): nothing here is sent on as text.
    const { rows } = await db.query<{ result: { data: T | null } }>(this.named(compiled));
    return rows[0].result.data;
  }

  /**
   * Items by key as `{"data": [...]}` text, in the order of the keys unless the query sorts: a batch write
   * reads back in the request's order, `/roles/me` from the caller's role up. `access` replaces the
   * caller's read access for a route that decided which rows it shows.
   */
  async inKeyOrder(
    context: RequestContext,
    collection: CollectionOverview,
    query: Query,
    keys: readonly unknown[],
    access: Access = this.readAccess(context),
  ): Promise<string> {
    if (keys.length === 0) return '{"data":[]}';
    const primary = collection.primary as string;
    const fields = query.fields ?? ['*'];
    const sorted = (query.sort?.length ?? 0) > 0 || query.alias?.[primary] !== undefined;
    const addKey = !sorted && !fields.includes('*') && !fields.includes(primary);
    const byKeys: Query = {
      ...query,
      fields: addKey ? [...fields, primary] : fields,
      filter: keysFilter(primary, keys, query.filter),
      limit: -1,
      offset: null,
      page: null,
      meta: [],
      aggregate: null,
      groupBy: null,
    };
    const db = await connectionOf(context);
    const compiled = await this.compile(context, collection.collection, byKeys, { access });
    const text = (await this.run(db, asText(compiled))).body;
    if (sorted) return text;
    // Only the rows of one request's keys: parsing them to reorder is cheap next to the write itself.
    const rows = (JSON.parse(text) as { data: JsonRow[] }).data;
    return JSON.stringify({ data: orderByKeys(rows, primary, keys, addKey) });
  }

  /** The keys a mutation's `{query}` selects, every match unless it names a limit. */
  async keysMatching(
    context: RequestContext,
    collection: CollectionOverview,
    query: Query,
  ): Promise<unknown[]> {
    const primary = collection.primary as string;
    const text = await this.listOn(context, collection, {
      ...query,
      fields: [primary],
      limit: query.limit ?? -1,
      meta: [],
      aggregate: null,
      groupBy: null,
    });
    // Keys only (never rows): the writes need them one by one.
    return (JSON.parse(text) as { data: Record<string, unknown>[] }).data.map((row) => row[primary]);
  }

  /**
   * A list read as `{"data": [...]}` text; a singleton's (and, with `first`, any collection's first row)
   * as its object, or `{"data": null}` with `missing` set before the row exists.
   */
  async listFirst(context: RequestContext, collection: CollectionOverview, query: Query): Promise<TextRow> {
    return this.runList(context, collection, query, true);
  }

  async listOn(context: RequestContext, collection: CollectionOverview, query: Query): Promise<string> {
    if (isSingleton(collection)) return (await this.listFirst(context, collection, query)).body;
    return (await this.runList(context, collection, query, false)).body;
  }

  private async runList(
    context: RequestContext,
    collection: CollectionOverview,
    query: Query,
    first: boolean,
  ): Promise<TextRow> {
    const { statement } = await this.compileList(context, collection, query, first);
    return this.run(await connectionOf(context), statement);
  }

  private async compileList(
    context: RequestContext,
    collection: CollectionOverview,
    query: Query,
    first: boolean,
  ): Promise<{ compiled: CompiledRead; statement: CompiledQuery }> {
    // A singleton's row, or `first`: the list's first row alone.
    const listed = first ? { ...query, limit: 1, offset: null, page: null, meta: [] } : query;
    const compiled = await this.compile(context, collection.collection, listed);
    return { compiled, statement: asText(compiled, { first, missing: first }) };
  }

  /**
   * `query` on `collection` compiled for this request: the caller's read access unless `access` replaces
   * it, the request's dynamic values, the configured limits; `byKey` reads one item.
   */
  private async compile(
    context: RequestContext,
    collection: string,
    query: Query,
    options: { access?: Access; byKey?: unknown } = {},
  ): Promise<CompiledRead> {
    return compileRead(context.schema, options.access ?? this.readAccess(context), collection, query, {
      context: await this.queryContextFor(await connectionOf(context), context, query),
      limits: this.config.queryLimit,
      byKey: options.byKey,
    });
  }

  /** Runs one compiled read (logged at debug level, which shows a read with relations is one statement). */
  private async run(db: Pool | ClientBase, statement: CompiledQuery): Promise<TextRow> {
    const { rows } = await db.query<TextRow>(this.named(statement));
    return rows[0];
  }

  /**
   * Named: a connection parses the statement (and may keep its plan) once, then only binds and executes.
   * At debug level the statement is logged (its text only: the values may hold user data).
   */
  private named(statement: CompiledQuery): CompiledQuery & { name?: string } {
    this.logger.debug({ sql: statement.text }, 'items read');
    const name = READ_STATEMENT_NAMES.nameOf(statement.text);
    return name === undefined ? statement : { ...statement, name };
  }

  readAccess(context: RequestContext): Access {
    return context.permissions.access('read');
  }

  /**
   * The dynamic values of a query: the permissions' own, plus any `$CURRENT_USER.<path>` the query's filters
   * name that the permissions did not need (fetched in one read).
   */
  async queryContextFor(db: Pool | ClientBase, context: RequestContext, query: Query): Promise<QueryContext> {
    const { permissions } = context;
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
    return permissions.queryContext(context.now, extra);
  }
}
