import { inTransaction } from '@atrium/tenancy';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthInvalidation, requireAdmin } from '@atrium/auth';
import { APP_CONFIG, AppConfig, forbidden, invalidPayload } from '@atrium/core';
import type { CollectionDefinition, PrimaryKey, Row } from '../definitions/collection-definition';
import { parseCreateBody, parseDeleteBody, parseSearchBody, parseUpdateBody } from '../payload/mutation-body';
import { parseKey } from '../payload/parse-key';
import { buildCount, buildSelect } from '../query/build-select';
import { normalizeQueryParams } from '../query/normalize-query-params';
import { parseFields, parseQuery } from '../query/parse-query';
import type { SystemQuery } from '../query/query-types';
import { guardLastAdmin } from '../hooks/admin-guard';
import type { SystemContext } from './system-context';
import { WriteSession } from './write-session';

export interface ListResult {
  data: Row[];
  meta?: { total_count?: number; filter_count?: number };
}

/** The raw query of a request: Fastify's flat object (bracket keys) or an already nested body query. */
export type RawQuery = Record<string, unknown>;

/**
 * The generic engine behind `/users`, `/roles`, `/policies`, `/access` and `/permissions`: Directus's item
 * routes (list, SEARCH, read, create one/many, update one/many, delete one/many) over any collection
 * definition. Each mutating request is one transaction, audited in activity and revisions.
 */
@Injectable()
export class SystemItemsService {
  private readonly logger = new Logger(SystemItemsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly invalidation: AuthInvalidation,
  ) {}

  async readByQuery(
    context: SystemContext,
    definition: CollectionDefinition,
    raw: RawQuery,
  ): Promise<ListResult> {
    this.authorize(context);
    return this.list(context, definition, this.parse(definition, normalizeQueryParams(raw)));
  }

  /** `SEARCH`: the body's `{query, keys}` replaces the URL query. */
  async search(context: SystemContext, definition: CollectionDefinition, body: unknown): Promise<ListResult> {
    this.authorize(context);
    const { query, keys } = parseSearchBody(body);
    const parsed = this.parse(definition, query);
    // Keys that cannot exist simply match nothing here (a list, not a read by key).
    const valid = keys?.map((key) => parseKey(definition, key)).filter((key) => key !== null);
    return this.list(context, definition, parsed, valid);
  }

  async readOne(
    context: SystemContext,
    definition: CollectionDefinition,
    rawKey: unknown,
    raw: RawQuery,
  ): Promise<{ data: Row }> {
    this.authorize(context);
    const key = this.keyOrForbidden(definition, rawKey);
    const query = this.parse(definition, normalizeQueryParams(raw));
    const pool = await context.tenant.pool();
    const { rows } = await pool.query<Row>(buildSelect(definition, { ...query, limit: 1, offset: 0 }, [key]));
    if (rows.length === 0) throw forbidden();
    return { data: rows[0] };
  }

  /** Several rows by key, in the keys' order (the `me` routes). */
  async readByKeys(
    context: SystemContext,
    definition: CollectionDefinition,
    keys: readonly PrimaryKey[],
    raw: RawQuery,
  ): Promise<{ data: Row[] }> {
    this.authorize(context);
    const query = this.parse(definition, normalizeQueryParams(raw));
    const pool = await context.tenant.pool();
    const { rows } = await pool.query<Row>(buildSelect(definition, { ...query, limit: -1, offset: 0 }, keys));
    return { data: rows };
  }

  async create(
    context: SystemContext,
    definition: CollectionDefinition,
    body: unknown,
    raw: RawQuery,
  ): Promise<{ data: Row | Row[] }> {
    this.authorize(context);
    const { many, items } = parseCreateBody(body);
    const fields = parseFields(definition, normalizeQueryParams(raw).fields);
    const rows = await this.mutate(context, definition, async (session) => {
      const keys: PrimaryKey[] = [];
      for (const item of items) keys.push(await session.create(item));
      return session.readBack(fields, keys);
    });
    return { data: many ? rows : rows[0] };
  }

  async updateOne(
    context: SystemContext,
    definition: CollectionDefinition,
    rawKey: unknown,
    body: unknown,
    raw: RawQuery,
  ): Promise<{ data: Row }> {
    this.authorize(context);
    const key = this.keyOrForbidden(definition, rawKey);
    const fields = parseFields(definition, normalizeQueryParams(raw).fields);
    const rows = await this.mutate(context, definition, async (session) => {
      await session.update([key], body);
      return session.readBack(fields, [key]);
    });
    return { data: rows[0] };
  }

  /** `PATCH` on the collection: items carrying their keys, `{keys, data}` or `{query, data}`. */
  async updateMany(
    context: SystemContext,
    definition: CollectionDefinition,
    body: unknown,
    raw: RawQuery,
  ): Promise<{ data: Row[] }> {
    this.authorize(context);
    const update = parseUpdateBody(body);
    const fields = parseFields(definition, normalizeQueryParams(raw).fields);
    const byQuery =
      update.kind === 'query' ? this.parse(definition, update.query, { unlimitedByDefault: true }) : null;
    const rows = await this.mutate(context, definition, async (session) => {
      let keys: PrimaryKey[];
      if (update.kind === 'items') {
        keys = update.items.map((item) => this.itemKey(definition, item));
        for (const [index, item] of update.items.entries()) await session.update([keys[index]], item);
      } else {
        keys = byQuery
          ? await session.keysMatching(byQuery)
          : this.keysOrForbidden(definition, update.kind === 'keys' ? update.keys : []);
        await session.update(keys, update.data);
      }
      return session.readBack(fields, [...new Set(keys)]);
    });
    return { data: rows };
  }

  async deleteOne(context: SystemContext, definition: CollectionDefinition, rawKey: unknown): Promise<void> {
    this.authorize(context);
    const key = this.keyOrForbidden(definition, rawKey);
    await this.mutate(context, definition, (session) => session.delete([key]));
  }

  /** `DELETE` on the collection: an array of keys, `{keys}` or `{query}`. */
  async deleteMany(context: SystemContext, definition: CollectionDefinition, body: unknown): Promise<void> {
    this.authorize(context);
    const target = parseDeleteBody(body);
    const byQuery =
      target.kind === 'query' ? this.parse(definition, target.query, { unlimitedByDefault: true }) : null;
    await this.mutate(context, definition, async (session) => {
      const keys = byQuery
        ? await session.keysMatching(byQuery)
        : this.keysOrForbidden(definition, target.kind === 'keys' ? target.keys : []);
      await session.delete(keys);
    });
  }

  /**
   * One transaction for the whole request: the writes, the collection's cross-row checks, the last-admin
   * guard, the history. Caches of identities are invalidated once it committed.
   */
  async mutate<T>(
    context: SystemContext,
    definition: CollectionDefinition,
    work: (session: WriteSession) => Promise<T>,
  ): Promise<T> {
    const pool = await context.tenant.pool();
    const result = await inTransaction(pool, (client) => {
      const session = new WriteSession(client, definition, context.accountability);
      const run = async () => {
        const output = await work(session);
        await session.verify();
        return output;
      };
      return definition.guardsAdmins ? guardLastAdmin(client, run) : run();
    });
    if (definition.affectsAuth) await this.announce(context.tenant.key);
    return result;
  }

  parse(
    definition: CollectionDefinition,
    query: RawQuery,
    options: { unlimitedByDefault?: boolean } = {},
  ): SystemQuery {
    return parseQuery(definition, query, { limits: this.config.queryLimit, ...options });
  }

  private async list(
    context: SystemContext,
    definition: CollectionDefinition,
    query: SystemQuery,
    keys?: PrimaryKey[],
  ): Promise<ListResult> {
    const pool = await context.tenant.pool();
    const [rows, total, filtered] = await Promise.all([
      pool.query<Row>(buildSelect(definition, query, keys)),
      query.meta.totalCount
        ? pool.query<{ count: number }>(buildCount(definition, { filter: null, search: null }))
        : null,
      query.meta.filterCount
        ? pool.query<{ count: number }>(
            buildCount(definition, { filter: query.filter, search: query.search, keys }),
          )
        : null,
    ]);
    const result: ListResult = { data: rows.rows };
    if (total || filtered) {
      result.meta = {
        ...(total ? { total_count: total.rows[0].count } : {}),
        ...(filtered ? { filter_count: filtered.rows[0].count } : {}),
      };
    }
    return result;
  }

  private authorize(context: SystemContext): void {
    // Interim rule until the permissions issue: system collections are for admins, `me` routes for self.
    if (!context.self) requireAdmin(context.accountability);
  }

  private keyOrForbidden(definition: CollectionDefinition, raw: unknown): PrimaryKey {
    const key = parseKey(definition, raw);
    if (key === null) throw forbidden();
    return key;
  }

  private keysOrForbidden(definition: CollectionDefinition, raw: readonly unknown[]): PrimaryKey[] {
    return raw.map((key) => this.keyOrForbidden(definition, key));
  }

  private itemKey(definition: CollectionDefinition, item: Row): PrimaryKey {
    const raw = item[definition.primaryKey];
    if (raw === undefined || raw === null) {
      throw invalidPayload(`Every item of a batch update needs its primary key "${definition.primaryKey}".`);
    }
    return this.keyOrForbidden(definition, raw);
  }

  private async announce(projectKey: string): Promise<void> {
    try {
      await this.invalidation.projectChanged(projectKey);
    } catch (error) {
      // The change is committed; a missed broadcast only delays other instances until their cache expires.
      this.logger.warn({ err: error, project: projectKey }, 'could not broadcast an auth invalidation');
    }
  }
}
