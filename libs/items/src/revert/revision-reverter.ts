import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, forbidden, invalidPayload, isPlainObject } from '@atrium/core';
import { reachableKeys, type RequestContext } from '@atrium/permissions';
import type { RawQuery } from '../raw-query';
import { ItemsReader } from '../read/items-reader';
import { ItemsWriter } from '../write/items-writer';
import type { Key } from '../write/item-write-session';

interface RevisionRow {
  collection: string;
  item: string;
  data: unknown;
}

const NO_FIELDS: RawQuery = {};

/** A revision id as the route gives it; anything but a positive integer cannot exist (→ 403). */
function revisionId(raw: string): number {
  if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) throw forbidden();
  return Number(raw);
}

/**
 * `POST /utils/revert/:revision`: applies a revision's full snapshot to its item through the ordinary update
 * path (validation, specials, hooks, history), all in one transaction — for user and system collections
 * alike, as in Directus.
 */
@Injectable()
export class RevisionReverter {
  constructor(
    private readonly reader: ItemsReader,
    private readonly writer: ItemsWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The caller must be able to read the revision (a read rule on `directus_revisions` that reaches it) and
   * to update the item with the revision's data (the write checks), as in Directus.
   */
  async revert(context: RequestContext, rawRevision: string): Promise<void> {
    const id = revisionId(rawRevision);
    const revision = await this.readableRevision(context, id);
    const scope = revision.collection.startsWith('directus_') ? 'system' : 'user';
    // Unknown collections, and those the caller may not update, are a 403 like on their routes.
    const collection = this.reader.target(context, revision.collection, 'update', scope);
    if (!isPlainObject(revision.data)) throw invalidPayload("Revision doesn't contain data to revert to.");
    const data = revision.data;
    await this.writer.mutate(context, collection, NO_FIELDS, async ({ session }) => {
      const [key] = await session.lock(collection, [revision.item as Key]);
      await session.update(collection, key, data, 'revert');
    });
  }

  /** The revision, or 403 unless the caller's read rules on `directus_revisions` reach it (admins read all). */
  private async readableRevision(context: RequestContext, id: number): Promise<RevisionRow> {
    const pool = await context.tenant.pool();
    const { permissions } = context;
    if (!permissions.admin) {
      const rules = permissions.rules('directus_revisions', 'read');
      if (rules.length === 0) throw forbidden();
      const found = await reachableKeys(pool, context.schema, 'directus_revisions', rules, [id], {
        context: permissions.queryContext(context.now),
        limits: this.config.queryLimit,
      });
      if (!found.has(String(id))) throw forbidden();
    }
    const { rows } = await pool.query<RevisionRow>(
      'SELECT collection, item, data FROM directus_revisions WHERE id = $1',
      [id],
    );
    if (!rows[0]) throw forbidden();
    return rows[0];
  }
}
