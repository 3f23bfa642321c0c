import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, forbidden, invalidPayload, isPlainObject } from '@atrium/core';
import { reachableKeys, WriteGuard } from '@atrium/permissions';
import { SchemaCache } from '@atrium/schema';
import type { ClientBase } from 'pg';
import { inTransaction } from '@atrium/tenancy';
import type { ItemsContext } from '../items-context';
import { ItemsReader } from '../read/items-reader';
import { ItemWriteSession, type Key } from '../write/item-write-session';

interface RevisionRow {
  collection: string;
  item: string;
  data: unknown;
}

/** A revision id as the route gives it; anything but a positive integer cannot exist (→ 403). */
function revisionId(raw: string): number {
  if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) throw forbidden();
  return Number(raw);
}

/**
 * `POST /utils/revert/:revision`: applies a revision's full snapshot to its item through the ordinary update
 * path (validation, specials, history), all in one transaction. Only user collections for now: the system
 * collections' own services own their writes.
 */
@Injectable()
export class RevisionReverter {
  constructor(
    private readonly reader: ItemsReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schema: SchemaCache,
  ) {}

  /**
   * The caller must be able to read the revision (a read rule on `directus_revisions` that reaches it) and
   * to update the item with the revision's data (the items write checks), as in Directus.
   */
  async revert(context: ItemsContext, rawRevision: string): Promise<void> {
    const id = revisionId(rawRevision);
    const pool = await context.tenant.pool();
    await inTransaction(pool, async (client) => {
      await this.checkRevisionReadable(client, context, id);
      const { rows } = await client.query<RevisionRow>(
        'SELECT collection, item, data FROM directus_revisions WHERE id = $1',
        [id],
      );
      const revision = rows[0];
      if (!revision) throw forbidden();
      // Same check as the items routes: system or unknown collections are a 403.
      const { overview, collection, permissions } = await this.reader.target(
        context,
        revision.collection,
        'update',
      );
      if (!isPlainObject(revision.data)) throw invalidPayload("Revision doesn't contain data to revert to.");
      const guard = new WriteGuard(permissions, this.reader.queryContext(context), this.config.queryLimit);
      const session = new ItemWriteSession(client, overview, context.accountability, guard);
      const [key] = await session.lock(collection, [revision.item as Key]);
      await session.update(collection, key, revision.data, 'revert');
    });
  }

  /** 403 unless the caller's read rules on `directus_revisions` reach this one (admins read them all). */
  private async checkRevisionReadable(client: ClientBase, context: ItemsContext, id: number): Promise<void> {
    const overview = await this.schema.get(context.tenant);
    const permissions = await this.reader.permissions(context, overview);
    if (permissions.admin) return;
    const rules = permissions.rules('directus_revisions', 'read');
    if (rules.length === 0) throw forbidden();
    const found = await reachableKeys(client, overview, 'directus_revisions', rules, [id], {
      context: this.reader.queryContext(context),
      limits: this.config.queryLimit,
    });
    if (!found.has(String(id))) throw forbidden();
  }
}
