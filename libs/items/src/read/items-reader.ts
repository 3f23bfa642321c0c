import { Inject, Injectable, Logger } from '@nestjs/common';
import { requireAdmin } from '@atrium/auth';
import { APP_CONFIG, AppConfig, forbidden, invalidPayload } from '@atrium/core';
import {
  compileRead,
  parseQuery,
  type Access,
  type CompiledQuery,
  type FilterNode,
  type Query,
} from '@atrium/query';
import { SchemaCache, type CollectionOverview, type SchemaOverview } from '@atrium/schema';
import type { ClientBase, Pool } from 'pg';
import type { ItemsContext, RawQuery } from '../items-context';
import { isSingleton, userCollection } from './collection-guard';
import { asText, type TextRow } from './json-text';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `pk IN (keys)` as a parsed filter node, AND-ed with the query's own filter. */
export function keysFilter(primary: string, keys: readonly unknown[], filter: FilterNode | null): FilterNode {
  const byKeys: FilterNode = {
    kind: 'field',
    key: primary,
    child: { kind: 'operator', op: '_in', value: keys },
  };
  return filter ? { kind: 'logical', op: '_and', children: [byKeys, filter] } : byKeys;
}

/**
 * Reads of `/items/:collection`: each request compiles to ONE statement whose JSON PostgreSQL renders as
 * text, so the controller sends the body string as it is. Until the permissions issue only admins read.
 */
@Injectable()
export class ItemsReader {
  private readonly logger = new Logger(ItemsReader.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schema: SchemaCache,
  ) {}

  /** The schema and the collection of a request, after the access checks (403 otherwise). */
  async target(
    context: ItemsContext,
    name: string,
  ): Promise<{ overview: SchemaOverview; collection: CollectionOverview }> {
    requireAdmin(context.accountability);
    const overview = await this.schema.get(context.tenant);
    return { overview, collection: userCollection(overview, name) };
  }

  async list(context: ItemsContext, name: string, raw: RawQuery): Promise<string> {
    const { overview, collection } = await this.target(context, name);
    return this.listOn(await context.tenant.pool(), overview, collection, parseQuery(raw), context);
  }

  /** `SEARCH`: the body's `{query, keys}` replaces the URL query. */
  async search(context: ItemsContext, name: string, body: unknown): Promise<string> {
    const { overview, collection } = await this.target(context, name);
    if (body !== undefined && body !== null && !isPlainObject(body)) {
      throw invalidPayload('The body has to be {query?, keys?}.');
    }
    const rawQuery = body?.query ?? {};
    if (!isPlainObject(rawQuery)) throw invalidPayload('"query" has to be an object.');
    const query = parseQuery(rawQuery);
    if (body?.keys !== undefined) {
      if (!Array.isArray(body.keys)) throw invalidPayload('"keys" has to be an array.');
      query.filter = keysFilter(collection.primary as string, body.keys, query.filter);
    }
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
      context: this.queryContext(context),
      limits: this.config.queryLimit,
      byKey: key,
    });
    return this.run(db, asText(compiled));
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
      { context: this.queryContext(context), limits: this.config.queryLimit },
    );
    return (await this.run(db, asText(compiled, singleton))).body;
  }

  /**
   * Runs one compiled read. At debug level the statement is logged (its text only: the values may hold
   * user data), which shows that a read with relations is a single statement.
   */
  private async run(db: Pool | ClientBase, statement: CompiledQuery): Promise<TextRow> {
    this.logger.debug({ sql: statement.text }, 'items read');
    const { rows } = await db.query<TextRow>(statement);
    return rows[0];
  }

  private access(context: ItemsContext): Access {
    // Only admins get this far until the permissions issue; they read everything.
    requireAdmin(context.accountability);
    return 'admin';
  }

  queryContext(context: ItemsContext): { userId: string | null; roleId: string | null; now: Date } {
    return {
      userId: context.accountability.user ?? null,
      roleId: context.accountability.role ?? null,
      now: new Date(),
    };
  }
}
