import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, invalidPayload, routeNotFound, isPlainObject } from '@atrium/core';
import { parseQuery, type Query } from '@atrium/query';
import { WriteGuard } from '@atrium/permissions';
import { inTransaction } from '@atrium/tenancy';
import type { ItemsContext, RawQuery } from '../items-context';
import { isSingleton } from '../read/collection-guard';
import { ItemsReader, type ItemsTarget } from '../read/items-reader';
import { ItemWriteSession, type Key } from './item-write-session';

/**
 * Mutations of `/items/:collection`: each request is ONE transaction holding the writes (nested ones too),
 * their activity and revisions, and the read-back with the request's `fields`. Batches are all-or-nothing.
 */
@Injectable()
export class ItemsWriter {
  constructor(
    private readonly reader: ItemsReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `POST`: an object creates one item (→ `{data: item}`), an array creates many (→ `{data: [...]}`). */
  async create(context: ItemsContext, name: string, body: unknown, raw: RawQuery): Promise<string | null> {
    const target = await this.reader.target(context, name, 'create');
    if (isSingleton(target.collection)) throw routeNotFound(`/items/${name}`);
    if (!Array.isArray(body) && !isPlainObject(body)) {
      throw invalidPayload('The body has to be an object or an array of objects.');
    }
    const query = this.fieldsOnly(raw);
    return this.mutate(
      context,
      target,
      async (session, readBack) => {
        if (!Array.isArray(body)) return readBack.one(await session.create(target.collection, body));
        const keys: Key[] = [];
        for (const item of body) keys.push(await session.create(target.collection, item));
        return readBack.many(keys);
      },
      query,
    );
  }

  async updateOne(
    context: ItemsContext,
    name: string,
    key: string,
    body: unknown,
    raw: RawQuery,
  ): Promise<string | null> {
    const target = await this.reader.target(context, name, 'update');
    if (isSingleton(target.collection)) throw routeNotFound(`/items/${name}/${key}`);
    // Directus checks that the key exists only for non-admins (their permissions must reach the item): an
    // admin's update of a missing key matches nothing, and its read-back finding nothing answers 204.
    const allowMissing = target.permissions.admin;
    return this.mutate(
      context,
      target,
      async (session, readBack) => {
        await session.update(target.collection, key, body, 'update', { allowMissing });
        return readBack.one(key);
      },
      this.fieldsOnly(raw),
    );
  }

  /**
   * `PATCH` on the collection: items carrying their keys, `{keys, data}`, or `{query, data}`; on a singleton
   * the body is the singleton's payload, created on first write (an upsert).
   */
  async updateMany(
    context: ItemsContext,
    name: string,
    body: unknown,
    raw: RawQuery,
  ): Promise<string | null> {
    const target = await this.reader.target(context, name, 'update');
    const { collection } = target;
    const primary = collection.primary as string;
    return this.mutate(
      context,
      target,
      async (session, readBack) => {
        if (isSingleton(collection)) {
          if (!isPlainObject(body)) throw invalidPayload('The body has to be an object.');
          const existing = await session.singletonKey(collection);
          const key = existing ?? (await session.create(collection, body));
          if (existing !== null) await session.update(collection, existing, body);
          return readBack.one(key);
        }
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
        const keys = await this.selectKeys(session, target, context, body);
        for (const key of keys) await session.update(collection, key, body.data);
        return readBack.many(keys);
      },
      this.fieldsOnly(raw),
    );
  }

  async deleteOne(context: ItemsContext, name: string, key: string): Promise<void> {
    const target = await this.reader.target(context, name, 'delete');
    await this.mutate(context, target, async (session) => {
      await session.delete(target.collection, await session.lock(target.collection, [key]));
      return '';
    });
  }

  /** `DELETE` on the collection: an array of keys, `{keys}`, or `{query}`. */
  async deleteMany(context: ItemsContext, name: string, body: unknown): Promise<void> {
    const target = await this.reader.target(context, name, 'delete');
    await this.mutate(context, target, async (session) => {
      const keys = Array.isArray(body)
        ? await session.lock(target.collection, body as Key[])
        : await this.selectKeys(session, target, context, body);
      await session.delete(target.collection, keys);
      return '';
    });
  }

  /** `{keys}` (each must exist, else 403) or `{query}` (the keys it matches, locked), exactly one. */
  private async selectKeys(
    session: ItemWriteSession,
    target: ItemsTarget,
    context: ItemsContext,
    body: unknown,
  ): Promise<Key[]> {
    if (!isPlainObject(body)) throw invalidPayload('The body has to be an array of keys, {keys} or {query}.');
    if ((body.keys === undefined) === (body.query === undefined)) {
      throw invalidPayload('Either "keys" or "query" is required, not both.');
    }
    if (body.keys !== undefined) {
      if (!Array.isArray(body.keys)) throw invalidPayload('"keys" has to be an array.');
      return session.lock(target.collection, body.keys as Key[]);
    }
    if (!isPlainObject(body.query)) throw invalidPayload('"query" has to be an object.');
    const query = parseQuery(body.query);
    const primary = target.collection.primary as string;
    const text = await this.reader.listOn(
      session.db,
      target.overview,
      target.collection,
      { ...query, fields: [primary], limit: query.limit ?? -1, meta: [], aggregate: null, groupBy: null },
      context,
    );
    // Keys only (never rows): parsing them is cheap and the write needs them one by one.
    const rows = (JSON.parse(text) as { data: Record<string, Key>[] }).data;
    return session.lock(
      target.collection,
      rows.map((row) => row[primary]),
    );
  }

  private fieldsOnly(raw: RawQuery): Query {
    return parseQuery(raw.fields === undefined ? {} : { fields: raw.fields });
  }

  /**
   * Runs a request's writes in one transaction and reads the result back with the request's `fields`. A
   * caller who may write but not read the result gets null (the route answers 204, as Directus does).
   */
  private async mutate(
    context: ItemsContext,
    target: ItemsTarget,
    work: (session: ItemWriteSession, readBack: ReadBack) => Promise<string | null>,
    query: Query = parseQuery({}),
  ): Promise<string | null> {
    const pool = await context.tenant.pool();
    const queryContext = this.reader.queryContext(context);
    const guard = new WriteGuard(target.permissions, queryContext, this.config.queryLimit);
    const readable = target.permissions.allows(target.collection.collection, 'read');
    return inTransaction(pool, (client) => {
      const session = new ItemWriteSession(
        client,
        target.overview,
        context.accountability,
        guard,
        queryContext.now,
        this.config.maxBatchMutation,
      );
      const readBack: ReadBack = {
        one: async (key) => {
          if (!readable) return null;
          const row = await this.reader.one(
            client,
            target.overview,
            context,
            target.collection.collection,
            query,
            key,
          );
          return row.missing ? null : row.body;
        },
        many: async (keys) =>
          readable
            ? this.reader.many(client, target.overview, context, target.collection, query, keys)
            : null,
      };
      return work(session, readBack);
    });
  }
}

/** Read-backs inside the mutation's transaction, as `{"data": …}` text. */
interface ReadBack {
  one(key: Key): Promise<string | null>;
  many(keys: readonly Key[]): Promise<string | null>;
}
