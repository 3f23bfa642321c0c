import { Inject, Injectable } from '@nestjs/common';
import { requireAdmin } from '@atrium/auth';
import { APP_CONFIG, AppConfig, forbidden, invalidPayload } from '@atrium/core';
import { WriteGuard } from '@atrium/permissions';
import { inTransaction } from '@atrium/tenancy';
import type { ItemsContext } from '../items-context';
import { ItemsReader } from '../read/items-reader';
import { ItemWriteSession, isPlainObject, type Key } from '../write/item-write-session';

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
  ) {}

  /** Admin-only: a non-admin would need read access to the revision itself, which is not modelled yet. */
  async revert(context: ItemsContext, rawRevision: string): Promise<void> {
    requireAdmin(context.accountability);
    const id = revisionId(rawRevision);
    const pool = await context.tenant.pool();
    await inTransaction(pool, async (client) => {
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
}
