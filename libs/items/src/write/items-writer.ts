import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthInvalidation } from '@atrium/auth';
import { APP_CONFIG, AppConfig, invalidPayload, routeNotFound, isPlainObject } from '@atrium/core';
import { parseQuery } from '@atrium/query';
import { withTransaction, WriteGuard, type RequestContext } from '@atrium/permissions';
import type { CollectionOverview } from '@atrium/schema';
import { inTransaction, ProjectQuota } from '@atrium/tenancy';
import type { RawQuery } from '../raw-query';
import { isSingleton, type CollectionScope } from '../read/collection-guard';
import { ItemsReader } from '../read/items-reader';
import type { Payload } from '../system/collection-hooks';
import { SettingsInvalidation } from '../system/settings-invalidation';
import { ItemWriteSession, type Key } from './item-write-session';

/** Read-backs inside the mutation's transaction, as `{"data": …}` text; null when the caller may not read. */
export interface ReadBack {
  one(key: Key): Promise<string | null>;
  many(keys: readonly Key[]): Promise<string | null>;
}

/** What a mutation's work is given: the session that writes, the read-backs, and the request inside the transaction. */
export interface Mutation {
  session: ItemWriteSession;
  readBack: ReadBack;
  context: RequestContext;
}

/** A route's path for a 404 on a singleton: `/items/<name>` for user collections. */
function routePath(name: string, scope: CollectionScope, key?: string): string {
  const base = scope === 'user' ? `/items/${name}` : `/${name.replace(/^directus_/, '')}`;
  return key === undefined ? base : `${base}/${key}`;
}

/**
 * Every mutation of every collection — `/items/:collection` and the system routes alike: each request is
 * ONE transaction holding the writes (nested ones too), their activity and revisions, the collections'
 * cross-row checks, and the read-back with the request's `fields`. Batches are all-or-nothing. A commit
 * that changed what cached identities depend on is announced to every instance.
 */
@Injectable()
export class ItemsWriter {
  private readonly logger = new Logger(ItemsWriter.name);

  constructor(
    private readonly reader: ItemsReader,
    private readonly invalidation: AuthInvalidation,
    private readonly quota: ProjectQuota,
    private readonly settingsInvalidation: SettingsInvalidation,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `POST`: an object creates one item (→ `{data: item}`), an array creates many (→ `{data: [...]}`).
   * `managed` are values the server writes into every created item whatever the body says (its
   * server-managed fields, which the caller's payload never sets).
   */
  async create(
    context: RequestContext,
    name: string,
    body: unknown,
    raw: RawQuery,
    scope: CollectionScope = 'user',
    managed: Payload = {},
  ): Promise<string | null> {
    const collection = this.reader.target(context, name, 'create', scope);
    if (isSingleton(collection)) throw routeNotFound(routePath(name, scope));
    if (!Array.isArray(body) && !isPlainObject(body)) {
      throw invalidPayload('The body has to be an object or an array of objects.');
    }
    return this.mutate(context, collection, raw, async ({ session, readBack }) => {
      if (!Array.isArray(body)) return readBack.one(await session.create(collection, body, managed));
      const keys: Key[] = [];
      for (const item of body) keys.push(await session.create(collection, item, managed));
      return readBack.many(keys);
    });
  }

  async updateOne(
    context: RequestContext,
    name: string,
    key: string,
    body: unknown,
    raw: RawQuery,
    scope: CollectionScope = 'user',
  ): Promise<string | null> {
    const collection = this.reader.target(context, name, 'update', scope);
    if (isSingleton(collection)) throw routeNotFound(routePath(name, scope, key));
    // Directus checks that the key exists only for non-admins (their permissions must reach the item): an
    // admin's update of a missing key matches nothing, and its read-back finding nothing answers 204.
    const allowMissing = context.permissions.admin;
    return this.mutate(context, collection, raw, async ({ session, readBack }) => {
      await session.update(collection, key, body, 'update', { allowMissing });
      return readBack.one(key);
    });
  }

  /**
   * `PATCH` on the collection: items carrying their keys, `{keys, data}`, or `{query, data}`; on a singleton
   * the body is the singleton's payload, created on first write (an upsert).
   */
  async updateMany(
    context: RequestContext,
    name: string,
    body: unknown,
    raw: RawQuery,
    scope: CollectionScope = 'user',
  ): Promise<string | null> {
    const collection = this.reader.target(context, name, 'update', scope);
    const primary = collection.primary as string;
    if (isSingleton(collection)) return this.upsertSingleton(context, collection, body, raw);
    return this.mutate(context, collection, raw, async ({ session, readBack, context: inside }) => {
      if (Array.isArray(body)) {
        const keys: Key[] = [];
        for (const item of body) {
          if (!isPlainObject(item) || item[primary] === undefined || item[primary] === null) {
            throw invalidPayload(`Every item of a batch update needs its primary key "${primary}".`);
          }
          const [key] = await session.lock(collection, [item[primary] as Key]);
          await session.update(collection, key, item);
          keys.push(key);
        }
        return readBack.many(keys);
      }
      if (!isPlainObject(body) || !isPlainObject(body.data)) {
        throw invalidPayload('The body has to be an array of items or {keys|query, data}.');
      }
      const keys = await this.selectKeys(session, inside, collection, body);
      for (const key of keys) await session.update(collection, key, body.data);
      return readBack.many(keys);
    });
  }

  /** The singleton's row, created on its first write; serialised so two first writes cannot both insert. */
  async upsertSingleton(
    context: RequestContext,
    collection: CollectionOverview,
    body: unknown,
    raw: RawQuery,
  ): Promise<string | null> {
    if (!isPlainObject(body)) throw invalidPayload('The body has to be an object.');
    return this.mutate(context, collection, raw, async ({ session, readBack }) => {
      const existing = await session.singletonKey(collection);
      const key = existing ?? (await session.create(collection, body));
      if (existing !== null) await session.update(collection, existing, body);
      return readBack.one(key);
    });
  }

  async deleteOne(
    context: RequestContext,
    name: string,
    key: string,
    scope: CollectionScope = 'user',
  ): Promise<void> {
    const collection = this.reader.target(context, name, 'delete', scope);
    await this.mutate(context, collection, {}, async ({ session }) => {
      await session.delete(collection, await session.lock(collection, [key]));
    });
  }

  /** `DELETE` on the collection: an array of keys, `{keys}`, or `{query}`. */
  async deleteMany(
    context: RequestContext,
    name: string,
    body: unknown,
    scope: CollectionScope = 'user',
  ): Promise<void> {
    const collection = this.reader.target(context, name, 'delete', scope);
    await this.mutate(context, collection, {}, async ({ session, context: inside }) => {
      await session.delete(collection, await this.deletionKeys(session, inside, collection, body));
    });
  }

  /** The locked keys a `DELETE` body names: an array of keys, `{keys}`, or `{query}`. */
  deletionKeys(
    session: ItemWriteSession,
    context: RequestContext,
    collection: CollectionOverview,
    body: unknown,
  ): Promise<Key[]> {
    return Array.isArray(body)
      ? session.lock(collection, body as Key[])
      : this.selectKeys(session, context, collection, body);
  }

  /** `{keys}` (each must exist, else 403) or `{query}` (the keys it matches, locked), exactly one. */
  private async selectKeys(
    session: ItemWriteSession,
    context: RequestContext,
    collection: CollectionOverview,
    body: unknown,
  ): Promise<Key[]> {
    if (!isPlainObject(body)) throw invalidPayload('The body has to be an array of keys, {keys} or {query}.');
    if ((body.keys === undefined) === (body.query === undefined)) {
      throw invalidPayload('Either "keys" or "query" is required, not both.');
    }
    if (body.keys !== undefined) {
      if (!Array.isArray(body.keys)) throw invalidPayload('"keys" has to be an array.');
      return session.lock(collection, body.keys as Key[]);
    }
    if (!isPlainObject(body.query)) throw invalidPayload('"query" has to be an object.');
    const keys = await this.reader.keysMatching(context, collection, parseQuery(body.query));
    return session.lock(collection, keys as Key[]);
  }

  /**
   * Runs a request's writes in one transaction and reads the result back with the request's `fields` (the
   * rest of the URL query is not for a write). A caller who may write but not read the result gets null
   * (the route answers 204, as Directus does).
   */
  async mutate<T>(
    context: RequestContext,
    collection: CollectionOverview,
    raw: RawQuery,
    work: (mutation: Mutation) => Promise<T>,
  ): Promise<T> {
    // The rest of the URL query is not for a write: only `fields` shapes the read-back.
    const fields: RawQuery = raw.fields === undefined ? {} : { fields: raw.fields };
    const query = parseQuery(fields);
    const { permissions } = context;
    const guard = new WriteGuard(permissions, permissions.queryContext(context.now), this.config.queryLimit);
    const readable = permissions.allows(collection.collection, 'read');
    const pool = await context.tenant.pool();
    let changed = { auth: false, settings: false };
    const result = await inTransaction(pool, async (client) => {
      const inside = withTransaction(context, client);
      const session = new ItemWriteSession(
        client,
        context.schema,
        context.accountability,
        guard,
        context.now,
        this.config.maxBatchMutation,
        // Once the quota is used up, writes that add data are refused; deletes still free room.
        () => this.quota.assertNotFull(context.tenant.project, client),
      );
      const readBack: ReadBack = {
        one: async (key) => {
          if (!readable) return null;
          const row = await this.reader.oneOf(inside, collection.collection, fields, key);
          return row.missing ? null : row.body;
        },
        many: async (keys) => (readable ? this.reader.inKeyOrder(inside, collection, query, keys) : null),
      };
      const output = await work({ session, readBack, context: inside });
      await session.finish();
      changed = { auth: session.changedAuth, settings: session.changedSettings };
      return output;
    });
    const key = context.tenant.key;
    if (changed.auth) await this.announce('auth', key, () => this.invalidation.projectChanged(key));
    if (changed.settings) {
      await this.announce('settings', key, () => this.settingsInvalidation.settingsChanged(key));
    }
    return result;
  }

  private async announce(what: string, projectKey: string, publish: () => Promise<void>): Promise<void> {
    try {
      await publish();
    } catch (error) {
      // The change is committed; a missed broadcast only delays other instances until their cache expires.
      this.logger.warn({ err: error, project: projectKey }, `could not broadcast a ${what} invalidation`);
    }
  }
}
