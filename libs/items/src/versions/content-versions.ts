import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  AtriumException,
  forbidden,
  invalidPayload,
  isPlainObject,
} from '@atrium/core';
import { itemPermissions, type RequestContext } from '@atrium/permissions';
import type { CollectionOverview } from '@atrium/schema';
import { inTransaction } from '@atrium/tenancy';
import type { RawQuery } from '../raw-query';
import { ItemsReader } from '../read/items-reader';
import { RESERVED_VERSION_KEYS } from '../system/versions.hooks';
import type { Key } from '../write/item-write-session';
import { ItemsWriter } from '../write/items-writer';
import { mainItemHash } from './main-item-hash';

const VERSIONS = 'directus_versions';

/** A version row as the service needs it. */
interface Version {
  id: string;
  key: string;
  collection: string;
  item: string;
  hash: string | null;
  delta: Record<string, unknown> | null;
}

const unprocessable = (reason: string) => new AtriumException('UNPROCESSABLE_CONTENT', reason, { reason });

/**
 * Content versions (`/versions`, Directus 10.7+): named drafts of an item, saved as a delta and promoted onto
 * the item. Everything runs under the caller's permissions: reading a version needs read on
 * `directus_versions`; creating one, read on the item; saving to one, update on the item with the fields
 * saved (Directus once let a reader save to a version of an item it could not update: not here); promoting, update on the item through the
 * items engine, which also applies its validation and writes its revision.
 */
@Injectable()
export class ContentVersions {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reader: ItemsReader,
    private readonly writer: ItemsWriter,
  ) {}

  /** `POST /versions`: one object or an array; each names a versioned collection's item the caller may read. */
  async create(context: RequestContext, body: unknown, raw: RawQuery): Promise<string | null> {
    const items = Array.isArray(body) ? body : [body];
    if (items.length === 0 || !items.every(isPlainObject)) {
      throw invalidPayload('The body has to be a version object or an array of them.');
    }
    const versions = this.reader.target(context, VERSIONS, 'create', 'system');
    const combos = new Set<string>();
    return this.writer.mutate(context, versions, raw, async ({ session, readBack, context: inside }) => {
      const keys: Key[] = [];
      for (const item of items as Array<Record<string, unknown>>) {
        const { collection, key } = await this.checkNew(inside, item);
        const combo = JSON.stringify([collection.collection, key, item.key]);
        if (combos.has(combo)) {
          throw unprocessable(`Cannot create two versions "${String(item.key)}" of one item.`);
        }
        combos.add(combo);
        const hash = await mainItemHash(session.db, collection, key);
        keys.push(
          await session.create(versions, item, { collection: collection.collection, item: key, hash }),
        );
      }
      return Array.isArray(body) ? readBack.many(keys) : readBack.one(keys[0]);
    });
  }

  /** `POST /versions/:id/save`: merges `delta` into the version; answers the item as the version has it. */
  async save(context: RequestContext, id: string, delta: unknown, raw: RawQuery): Promise<string> {
    if (!isPlainObject(delta)) throw invalidPayload('The body has to be an object of the fields to save.');
    const version = await this.version(context, id);
    const collection = this.collection(context, version.collection);
    const changes = { ...delta };
    delete changes[collection.primary as string];
    await this.assertMayUpdate(context, collection, version.item, Object.keys(changes));
    const merged = { ...(version.delta ?? {}), ...changes };
    const pool = await context.tenant.pool();
    const { accountability } = context;
    await inTransaction(pool, async (client) => {
      await client.query(
        `UPDATE directus_versions SET delta = $2, date_updated = now(), user_updated = $3 WHERE id = $1`,
        [id, JSON.stringify(merged), accountability.user],
      );
      if (collection.meta?.accountability === null) return;
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO directus_activity (action, "user", ip, user_agent, origin, collection, item)
         VALUES ('version_save', $1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          accountability.user,
          accountability.ip,
          accountability.userAgent,
          accountability.origin,
          version.collection,
          version.item,
        ],
      );
      if (collection.meta?.accountability === 'activity') return;
      await client.query(
        `INSERT INTO directus_revisions (activity, collection, item, data, delta, version) VALUES ($1, $2, $3, $4, $4, $5)`,
        [rows[0].id, version.collection, version.item, JSON.stringify(changes), id],
      );
    });
    return this.itemAt(context, collection, version.item, merged, raw);
  }

  /** `GET /versions/:id/compare`: the delta beside the main item, and whether the item changed since. */
  async compare(context: RequestContext, id: string): Promise<string> {
    const version = await this.version(context, id);
    const collection = this.collection(context, version.collection);
    const main = await this.reader.oneOf(context, collection.collection, {}, version.item);
    if (main.missing) throw forbidden();
    const mainHash = await mainItemHash(await context.tenant.pool(), collection, version.item);
    const mainData = (JSON.parse(main.body) as { data: unknown }).data;
    return JSON.stringify({
      data: { outdated: version.hash !== mainHash, mainHash, current: version.delta ?? {}, main: mainData },
    });
  }

  /**
   * `POST /versions/:id/promote {mainHash, fields?}`: writes the delta (or its `fields`) onto the item, if the
   * item is still the one `mainHash` describes (else 422 VERSION_HASH_MISMATCH with the current hash).
   */
  async promote(context: RequestContext, id: string, body: unknown): Promise<Key> {
    if (!isPlainObject(body) || typeof body.mainHash !== 'string') {
      throw invalidPayload('"mainHash" field is required.');
    }
    const fields = body.fields;
    if (fields !== undefined && (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string'))) {
      throw invalidPayload('"fields" has to be an array of field names.');
    }
    const version = await this.version(context, id);
    const collection = this.reader.target(context, version.collection, 'update', 'user');
    if (!version.delta || Object.keys(version.delta).length === 0)
      throw unprocessable('No changes to promote.');
    const payload = fields
      ? Object.fromEntries(
          Object.entries(version.delta).filter(([name]) => (fields as string[]).includes(name)),
        )
      : version.delta;
    await this.writer.mutate(context, collection, {}, async ({ session }) => {
      const mainHash = await mainItemHash(session.db, collection, version.item, true);
      if (mainHash === null) throw forbidden();
      if (mainHash !== body.mainHash) {
        throw new AtriumException(
          'VERSION_HASH_MISMATCH',
          'Main item has changed since this version was last updated.',
          {
            mainHash,
          },
        );
      }
      await session.update(collection, version.item, payload);
    });
    return version.item;
  }

  /**
   * An item read at a version (`?version=<key>` on item reads): the main item with the version's delta laid
   * over the fields the answer holds. `main` (or `published`) is the item itself; an unknown key is a 403.
   */
  async readAt(
    context: RequestContext,
    collection: CollectionOverview,
    itemKey: string,
    versionKey: string,
    raw: RawQuery,
  ): Promise<string> {
    const pool = await context.tenant.pool();
    const { rows } = await pool.query<{ delta: Record<string, unknown> | null }>(
      'SELECT delta FROM directus_versions WHERE collection = $1 AND item = $2 AND key = $3',
      [collection.collection, itemKey, versionKey],
    );
    if (!rows[0]) throw forbidden();
    return this.itemAt(context, collection, itemKey, rows[0].delta ?? {}, raw);
  }

  isMainVersion(key: string): boolean {
    return RESERVED_VERSION_KEYS.has(key);
  }

  /** The main item as the caller reads it, with `delta` over the top-level fields the answer has. */
  private async itemAt(
    context: RequestContext,
    collection: CollectionOverview,
    itemKey: string,
    delta: Record<string, unknown>,
    raw: RawQuery,
  ): Promise<string> {
    const main = await this.reader.oneOf(context, collection.collection, raw, itemKey);
    if (main.missing) throw forbidden();
    const { data } = JSON.parse(main.body) as { data: Record<string, unknown> };
    for (const [name, value] of Object.entries(delta)) if (name in data) data[name] = value;
    return JSON.stringify({ data });
  }

  /** The checked fields of a new version, and its collection and item (which the caller must be able to read). */
  private async checkNew(context: RequestContext, item: Record<string, unknown>) {
    if (typeof item.key !== 'string') throw invalidPayload('"key" is required.');
    if (typeof item.collection !== 'string') throw invalidPayload('"collection" is required.');
    if (typeof item.item !== 'string' && typeof item.item !== 'number')
      throw invalidPayload('"item" is required.');
    const collection = context.schema.collections[item.collection];
    if (!collection || collection.system || !collection.primary || !collection.schema) throw forbidden();
    if (!collection.meta?.versioning) {
      throw unprocessable(`Content Versioning is not enabled for collection "${item.collection}".`);
    }
    const key = String(item.item);
    const readable = await this.reader.oneOf(
      context,
      collection.collection,
      { fields: collection.primary },
      key,
    );
    if (readable.missing) throw forbidden();
    const { rows } = await (context.db ?? (await context.tenant.pool())).query(
      'SELECT 1 FROM directus_versions WHERE collection = $1 AND item = $2 AND key = $3',
      [collection.collection, key, item.key],
    );
    if (rows.length > 0) {
      throw unprocessable(
        `Version "${item.key}" already exists for item "${key}" in collection "${item.collection}".`,
      );
    }
    return { collection, key };
  }

  /** A version the caller may read (403 otherwise, as for any item it may not see). */
  private async version(context: RequestContext, id: string): Promise<Version> {
    const row = await this.reader.oneOf(
      context,
      VERSIONS,
      { fields: 'id,key,collection,item,hash,delta' },
      id,
    );
    if (row.missing) throw forbidden();
    const version = (JSON.parse(row.body) as { data: Partial<Version> }).data;
    if (typeof version.collection !== 'string' || typeof version.item !== 'string') throw forbidden();
    return version as Version;
  }

  private collection(context: RequestContext, name: string): CollectionOverview {
    return this.reader.target(context, name, 'read', 'user');
  }

  /** Update on this item (its rules reach it) covering every field saved. */
  private async assertMayUpdate(
    context: RequestContext,
    collection: CollectionOverview,
    item: string,
    fields: string[],
  ) {
    const unknown = fields.find((name) => !collection.fields[name]);
    if (unknown)
      throw invalidPayload(`Field "${unknown}" doesn't exist in collection "${collection.collection}".`);
    const { permissions } = context;
    if (permissions.admin) return;
    const rules = permissions.rules(collection.collection, 'update');
    const allowed = (name: string) => rules.some((rule) => rule.fields === '*' || rule.fields.includes(name));
    if (rules.length === 0 || !fields.every(allowed)) throw forbidden();
    const reach = await itemPermissions(
      await context.tenant.pool(),
      permissions,
      collection.collection,
      item,
      this.config.queryLimit,
    );
    if (!reach.update.access) throw forbidden();
  }
}
