import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, forbidden } from '@atrium/core';
import { PermissionsService, type RequestPermissions } from '@atrium/permissions';
import {
  asText,
  compileRead,
  keysFilter,
  type Access,
  type CompiledQuery,
  type Filter,
  type Query,
  type QueryContext,
  type TextRow,
} from '@atrium/query';
import { SchemaCache, type CollectionOverview } from '@atrium/schema';
import type { ClientBase, Pool } from 'pg';
import type { PrimaryKey } from '../definitions/collection-definition';
import type { SystemContext } from '../services/system-context';
import { orderByKeys, type JsonRow } from './order-by-keys';

/** Where a read runs: the tenant pool, or the open transaction of a write (its read-back). */
export type Db = Pool | ClientBase;

/**
 * The rows of its own collection a `me` route may read without a rule: the caller's role and its
 * ancestors (`/roles/me`). `/users/me` follows the caller's permissions (see `MeService`).
 */
const OWN_ROWS: Readonly<Record<string, (context: SystemContext) => Filter>> = {
  directus_roles: ({ accountability }) => ({ id: { _in: accountability.roles } }),
};

/**
 * Every read of the system collections: the query language of `@atrium/query` compiled over the schema
 * overview (whose system overlay conceals secrets and describes the system relations) to ONE statement whose
 * JSON PostgreSQL renders as text. The caller's access goes into that statement.
 */
@Injectable()
export class SystemReader {
  private readonly logger = new Logger(SystemReader.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schema: SchemaCache,
    private readonly permissionsService: PermissionsService,
  ) {}

  /** The request's permissions, loaded once per request whatever number of reads and writes it makes. */
  async permissions(context: SystemContext): Promise<RequestPermissions> {
    return this.permissionsService.forContext(context, await this.schema.get(context.tenant));
  }

  /** The access flags the caller's policies give this request (cached with the permissions). */
  async policyFlags(context: SystemContext) {
    const overview = await this.schema.get(context.tenant);
    return this.permissionsService.flags(context.tenant, context.accountability, overview.version);
  }

  /** Whether the caller has any rule for `action` on `collection` (admins: always). */
  async allows(context: SystemContext, collection: string, action: 'read' | 'create' | 'update' | 'delete') {
    return (await this.permissions(context)).allows(collection, action);
  }

  /**
   * A list (or aggregate) as `{"data": [...], "meta"?: {...}}` text; with `first`, a singleton's
   * `{"data": row-or-null}`.
   */
  async list(
    context: SystemContext,
    collection: string,
    query: Query,
    options: { db?: Db; first?: boolean } = {},
  ): Promise<TextRow> {
    const compiled = await this.compile(context, collection, query);
    return this.run(context, options.db, asText(compiled, { first: options.first, missing: options.first }));
  }

  /** One row by key as `{"data": row-or-null}` text (`missing` when it isn't there or isn't readable). */
  async one(
    context: SystemContext,
    collection: string,
    query: Query,
    key: PrimaryKey,
    db?: Db,
  ): Promise<TextRow> {
    const compiled = await this.compile(context, collection, query, key);
    return this.run(context, db, asText(compiled, { missing: true }));
  }

  /**
   * Rows by key as `{"data": [...]}` text, in the order of the keys unless the query sorts (a batch write
   * reads back in the request's order; `/roles/me` from the caller's role up).
   */
  async inKeyOrder(
    context: SystemContext,
    collection: string,
    query: Query,
    keys: readonly PrimaryKey[],
    db?: Db,
  ): Promise<string> {
    if (keys.length === 0) return '{"data":[]}';
    const target = await this.collection(context, collection);
    const primary = target.primary as string;
    const byKeys: Query = {
      ...query,
      filter: keysFilter(primary, keys, query.filter),
      limit: -1,
      offset: null,
      page: null,
      meta: [],
      aggregate: null,
      groupBy: null,
    };
    const fields = query.fields ?? ['*'];
    if (query.sort?.length || query.alias?.[primary] !== undefined) {
      return (await this.list(context, collection, byKeys, { db })).body;
    }
    const addKey = !fields.includes('*') && !fields.includes(primary);
    const text = await this.list(
      context,
      collection,
      { ...byKeys, fields: addKey ? [...fields, primary] : fields },
      { db },
    );
    // Only the rows of one request's keys: parsing them to reorder is cheap next to the write itself.
    const rows = (JSON.parse(text.body) as { data: JsonRow[] }).data;
    return JSON.stringify({ data: orderByKeys(rows, primary, keys, addKey) });
  }

  /** The keys a mutation's `{query}` selects (every match unless it names a limit). */
  async keysMatching(
    context: SystemContext,
    collection: string,
    query: Query,
    db: Db,
  ): Promise<PrimaryKey[]> {
    const primary = (await this.collection(context, collection)).primary as string;
    const text = await this.list(
      context,
      collection,
      { ...query, fields: [primary], limit: query.limit ?? -1, meta: [], aggregate: null, groupBy: null },
      { db },
    );
    // Keys only (never rows): the writes need them one by one.
    return (JSON.parse(text.body) as { data: Record<string, PrimaryKey>[] }).data.map((row) => row[primary]);
  }

  /**
   * What the caller may read of `collection` — the one place read access is decided, for every system
   * route: the permissions engine's read access (admins read everything). A `me` route may also read the
   * caller's own rows of its collection (their user, their role chain) when no rule grants more.
   */
  private async access(context: SystemContext, collection: string): Promise<Access> {
    const permissions = await this.permissions(context);
    const access = permissions.access('read');
    if (access === 'admin' || access.collections[collection]) return access;
    const own = context.self ? OWN_ROWS[collection] : undefined;
    if (own) {
      return {
        collections: { ...access.collections, [collection]: { rowFilter: own(context), fields: '*' } },
      };
    }
    throw forbidden();
  }

  private async collection(context: SystemContext, name: string): Promise<CollectionOverview> {
    const overview = await this.schema.get(context.tenant);
    const collection = overview.collections[name];
    if (!collection?.primary) throw new Error(`system collection ${name} is missing from the overview`);
    return collection;
  }

  /** The read under the caller's access, over the tenant's schema overview (by `byKey` when given). */
  private async compile(
    context: SystemContext,
    collection: string,
    query: Query,
    byKey?: PrimaryKey,
  ): Promise<CompiledQuery> {
    const access = await this.access(context, collection);
    return compileRead(await this.schema.get(context.tenant), access, collection, query, {
      context: this.queryContext(context),
      limits: this.config.queryLimit,
      byKey,
    });
  }

  private queryContext(context: SystemContext): QueryContext {
    return (
      context.permissions?.queryContext() ?? {
        userId: context.accountability.user,
        roleId: context.accountability.role,
        now: new Date(),
      }
    );
  }

  /** At debug level the statement's text is logged (never its values: they may hold user data). */
  private async run(context: SystemContext, db: Db | undefined, statement: CompiledQuery): Promise<TextRow> {
    this.logger.debug({ sql: statement.text }, 'system read');
    const { rows } = await (db ?? (await context.tenant.pool())).query<TextRow>(statement);
    return rows[0];
  }
}
