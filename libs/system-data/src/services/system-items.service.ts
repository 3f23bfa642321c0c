import { inTransaction } from '@atrium/tenancy';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthInvalidation } from '@atrium/auth';
import { APP_CONFIG, AppConfig, forbidden, invalidPayload } from '@atrium/core';
import { WriteGuard } from '@atrium/permissions';
import { keysFilter, parseQuery, type Query } from '@atrium/query';
import type { ClientBase } from 'pg';
import type { CollectionDefinition, PrimaryKey, Row } from '../definitions/collection-definition';
import {
  parseCreateBody,
  parseDeleteBody,
  parseSearchBody,
  parseUpdateBody,
  type KeySelection,
} from '../payload/mutation-body';
import { parseKey, requireKey } from '../payload/parse-key';
import { guardLastAdmin } from '../hooks/admin-guard';
import { SystemReader } from '../read/system-reader';
import type { SystemContext } from './system-context';
import { WriteSession } from './write-session';

/** The raw query of a request: Fastify's flat object (bracket keys) or an already nested body query. */
export type RawQuery = Record<string, unknown>;

/** Read-backs inside a mutation's transaction, as `{"data": …}` text with the request's `fields`. */
export interface ReadBack {
  one(key: PrimaryKey): Promise<string>;
  /** As `one`, but null when the row isn't there (or isn't readable), for a route to answer 204. */
  found(key: PrimaryKey): Promise<string | null>;
  many(keys: readonly PrimaryKey[]): Promise<string>;
}

/**
 * The generic engine behind `/users`, `/roles`, `/policies`, `/access`, `/permissions`, `/activity`,
 * `/revisions`, `/comments`, `/folders` and `/presets`: Directus's item routes (list, SEARCH, read, create one/many, update
 * one/many, delete one/many) over any collection definition. Reads go through the query compiler
 * (`SystemReader`) and answer JSON text; each mutating request is one transaction, audited in activity and
 * revisions, that reads its result back before it commits.
 */
@Injectable()
export class SystemItemsService {
  private readonly logger = new Logger(SystemItemsService.name);

  constructor(
    private readonly reader: SystemReader,
    private readonly invalidation: AuthInvalidation,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async readByQuery(
    context: SystemContext,
    definition: CollectionDefinition,
    raw: RawQuery,
  ): Promise<string> {
    return (await this.reader.list(context, definition.collection, parseQuery(raw))).body;
  }

  /** `SEARCH`: the body's `{query, keys}` replaces the URL query. */
  async search(context: SystemContext, definition: CollectionDefinition, body: unknown): Promise<string> {
    const { query: raw, keys } = parseSearchBody(body);
    const query = parseQuery(raw);
    if (keys) {
      // Keys that cannot exist simply match nothing here (a list, not a read by key).
      const valid = keys.map((key) => parseKey(definition, key)).filter((key) => key !== null);
      query.filter = keysFilter(definition.primaryKey, valid, query.filter);
    }
    return (await this.reader.list(context, definition.collection, query)).body;
  }

  async readOne(
    context: SystemContext,
    definition: CollectionDefinition,
    rawKey: unknown,
    raw: RawQuery,
  ): Promise<string> {
    const key = requireKey(definition, rawKey);
    const row = await this.reader.one(context, definition.collection, parseQuery(raw), key);
    if (row.missing) throw forbidden();
    return row.body;
  }

  /** Several rows by key, in the keys' order (the `me` routes). */
  readByKeys(
    context: SystemContext,
    definition: CollectionDefinition,
    keys: readonly PrimaryKey[],
    raw: RawQuery,
  ): Promise<string> {
    return this.reader.inKeyOrder(context, definition.collection, parseQuery(raw), keys);
  }

  async create(
    context: SystemContext,
    definition: CollectionDefinition,
    body: unknown,
    raw: RawQuery,
  ): Promise<string> {
    await this.authorize(context, definition, 'create');
    const { many, items } = parseCreateBody(body);
    return this.mutate(context, definition, raw, async (session, readBack) => {
      const keys: PrimaryKey[] = [];
      for (const item of items) keys.push(await session.create(item));
      return many ? readBack.many(keys) : readBack.one(keys[0]);
    });
  }

  /** The item as it now reads, or null when there is none to read back (the route answers 204). */
  async updateOne(
    context: SystemContext,
    definition: CollectionDefinition,
    rawKey: unknown,
    body: unknown,
    raw: RawQuery,
  ): Promise<string | null> {
    await this.authorize(context, definition, 'update');
    const key = requireKey(definition, rawKey);
    // Directus checks that the key exists only for non-admins: an admin's update of a missing key matches
    // nothing, and the read-back finding no row answers 204.
    const allowMissing = (await this.reader.permissions(context)).admin;
    return this.mutate(context, definition, raw, async (session, readBack) => {
      await session.update([key], body, { allowMissing });
      return readBack.found(key);
    });
  }

  /** `PATCH` on the collection: items carrying their keys, `{keys, data}` or `{query, data}`. */
  async updateMany(
    context: SystemContext,
    definition: CollectionDefinition,
    body: unknown,
    raw: RawQuery,
  ): Promise<string> {
    await this.authorize(context, definition, 'update');
    const update = parseUpdateBody(body);
    if (update.kind === 'items') {
      return this.mutate(context, definition, raw, async (session, readBack) => {
        const keys = update.items.map((item) => this.itemKey(definition, item));
        for (const [index, item] of update.items.entries()) await session.update([keys[index]], item);
        return readBack.many(keys);
      });
    }
    const selectKeys = this.keySelector(context, definition, update);
    return this.mutate(context, definition, raw, async (session, readBack, db) => {
      const keys = await selectKeys(db);
      await session.update(keys, update.data);
      return readBack.many(keys);
    });
  }

  async deleteOne(context: SystemContext, definition: CollectionDefinition, rawKey: unknown): Promise<void> {
    await this.authorize(context, definition, 'delete');
    const key = requireKey(definition, rawKey);
    await this.mutate(context, definition, {}, (session) => session.delete([key]));
  }

  /** `DELETE` on the collection: an array of keys, `{keys}` or `{query}`. */
  async deleteMany(context: SystemContext, definition: CollectionDefinition, body: unknown): Promise<void> {
    await this.authorize(context, definition, 'delete');
    const selectKeys = this.keySelector(context, definition, parseDeleteBody(body));
    await this.mutate(context, definition, {}, async (session, _readBack, db) => {
      await session.delete(await selectKeys(db));
    });
  }

  /**
   * The keys a `{keys}` or `{query}` body selects. Both are checked before any transaction opens (a key that
   * cannot be one → 403, a bad query → 400); the query's keys are read inside the mutation's transaction.
   */
  keySelector(
    context: SystemContext,
    definition: CollectionDefinition,
    selector: KeySelection,
  ): (db: ClientBase) => Promise<PrimaryKey[]> {
    if (selector.kind === 'keys') {
      const keys = selector.keys.map((key) => requireKey(definition, key));
      return async () => keys;
    }
    const query = parseQuery(selector.query);
    return (db) => this.reader.keysMatching(context, definition.collection, query, db);
  }

  /**
   * One transaction for the whole request: the writes, the collection's cross-row checks, the last-admin
   * guard, the history and the read-back (with the request's `fields`). Caches of identities are
   * invalidated once it committed.
   */
  async mutate<T>(
    context: SystemContext,
    definition: CollectionDefinition,
    raw: RawQuery,
    work: (session: WriteSession, readBack: ReadBack, db: ClientBase) => Promise<T>,
  ): Promise<T> {
    const query = this.fieldsOnly(raw);
    const pool = await context.tenant.pool();
    const permissions = await this.reader.permissions(context);
    const permitted = {
      guard: new WriteGuard(permissions, permissions.queryContext(), this.config.queryLimit),
      collection: permissions.overview.collections[definition.collection],
    };
    const result = await inTransaction(pool, (client) => {
      const session = new WriteSession(client, definition, context.accountability, permitted);
      const readBack: ReadBack = {
        one: async (key) => (await this.reader.one(context, definition.collection, query, key, client)).body,
        found: async (key) => {
          const row = await this.reader.one(context, definition.collection, query, key, client);
          return row.missing ? null : row.body;
        },
        many: (keys) => this.reader.inKeyOrder(context, definition.collection, query, keys, client),
      };
      const run = async () => {
        const output = await work(session, readBack, client);
        await session.verify();
        return output;
      };
      return definition.guardsAdmins ? guardLastAdmin(client, run) : run();
    });
    if (definition.affectsAuth) await this.announce(context.tenant.key);
    return result;
  }

  /** A write reads back the `fields` it was asked for; the rest of the URL query is not for it. */
  private fieldsOnly(raw: RawQuery): Query {
    return parseQuery(raw.fields === undefined ? {} : { fields: raw.fields });
  }

  /**
   * A caller with no rule at all for the action is refused before anything runs; the rules' fields, item
   * filters and validation are checked per write by the session's guard.
   */
  async authorize(
    context: SystemContext,
    definition: CollectionDefinition,
    action: 'create' | 'update' | 'delete',
  ): Promise<void> {
    if (!(await this.reader.allows(context, definition.collection, action))) throw forbidden();
  }

  private itemKey(definition: CollectionDefinition, item: Row): PrimaryKey {
    const raw = item[definition.primaryKey];
    if (raw === undefined || raw === null) {
      throw invalidPayload(`Every item of a batch update needs its primary key "${definition.primaryKey}".`);
    }
    return requireKey(definition, raw);
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
