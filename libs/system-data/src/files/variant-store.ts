import { Injectable, Logger } from '@nestjs/common';
import { FileStorage, type StorageDriver } from '@atrium/files';
import { ProjectQuota, quotaLimit, usageTotal, type ProjectEntity } from '@atrium/tenancy';
import type { Pool } from 'pg';
import { Readable } from 'node:stream';

/** The project a variant belongs to, and where its rows are. */
export interface VariantOwner {
  project: ProjectEntity;
  pool: Pool;
}

/** One variant object: its name, the location it is in, the file and the original it was made from. */
export interface VariantObject {
  name: string;
  location: string;
  fileId: string;
  source: string;
}

/** How many of the oldest variants one eviction round looks at. */
const EVICTION_BATCH = 500;

/*
 * Recorded only while the file still has the bytes the variant was made from. `FOR SHARE` waits for a
 * replace or delete of the row that is committing, then sees its outcome: no row, no record.
 */
const RECORD_SQL = `
  INSERT INTO public.atrium_asset_variants (name, storage, file, source, size)
  SELECT $1, $2, f.id, f.filename_disk, $5 FROM public.directus_files f
  WHERE f.id = $3 AND f.filename_disk = $4 FOR SHARE
  ON CONFLICT (name) DO UPDATE SET size = EXCLUDED.size, created_at = now()`;

/* The shortest run of the oldest variants (among the next batch) whose sizes add up to $2 bytes. */
const EVICT_SQL = `
  DELETE FROM public.atrium_asset_variants v USING (
    SELECT name FROM (
      SELECT name, sum(size) OVER (ORDER BY created_at, name) - size AS before
      FROM (SELECT name, size, created_at FROM public.atrium_asset_variants ORDER BY created_at, name LIMIT $1) oldest
    ) running WHERE before < $2
  ) pick WHERE v.name = pick.name
  RETURNING v.name, v.storage, v.size`;

/**
 * Cached transform variants as stored objects with a row each (`atrium_asset_variants`), which is what the
 * project's usage counts and the order a FIFO quota evicts in: oldest first, originals never. Under a HARD
 * quota a variant that does not fit is not stored (it is still served, from memory); under FIFO older
 * variants make room for it, unless even all of them would not.
 *
 * Concurrent variants can pass the quota by the size of the ones in flight: they are cache, bounded in size
 * by the transform limits, and the next eviction takes them back.
 */
@Injectable()
export class VariantStore {
  private readonly logger = new Logger(VariantStore.name);

  constructor(
    private readonly quota: ProjectQuota,
    private readonly storage: FileStorage,
  ) {}

  /** Stores `data` as the variant if the project's quota allows it; whether it was stored. */
  async keep(
    owner: VariantOwner,
    driver: StorageDriver,
    variant: VariantObject,
    data: Buffer,
  ): Promise<boolean> {
    if (!(await this.roomFor(owner, data.length))) return false;
    await driver.write(variant.name, Readable.from([data]));
    const { rowCount } = await owner.pool.query(RECORD_SQL, [
      variant.name,
      variant.location,
      variant.fileId,
      variant.source,
      data.length,
    ]);
    if (rowCount) return true;
    // The file was deleted or its bytes replaced meanwhile: a variant of bytes that are gone is not kept.
    await driver.delete(variant.name).catch(() => undefined);
    return false;
  }

  /** Under FIFO, evicts the oldest variants until the project fits its quota again (after an upload). */
  async fitQuota(owner: VariantOwner): Promise<void> {
    const limit = quotaLimit(owner.project);
    if (limit?.type !== 'FIFO') return;
    try {
      const over = usageTotal(await this.quota.usage(owner.project, owner.pool)) - limit.size;
      if (over > 0) await this.evict(owner, over);
    } catch (error) {
      this.logger.warn({ err: error, project: owner.project.key }, 'could not evict variants for the quota');
    }
  }

  private async roomFor(owner: VariantOwner, size: number): Promise<boolean> {
    const limit = quotaLimit(owner.project);
    if (!limit) return true;
    const usage = await this.quota.usage(owner.project, owner.pool);
    const missing = usageTotal(usage) + size - limit.size;
    if (missing <= 0) return true;
    // HARD never evicts; FIFO only when evicting could make room at all.
    if (limit.type === 'HARD' || usage.database + usage.files + size > limit.size) return false;
    return (await this.evict(owner, missing)) >= missing;
  }

  /** Deletes the oldest variants' rows, then their objects, until `bytes` are freed; the bytes freed. */
  private async evict(owner: VariantOwner, bytes: number): Promise<number> {
    let freed = 0;
    while (freed < bytes) {
      const { rows } = await owner.pool.query<{ name: string; storage: string; size: string }>(EVICT_SQL, [
        EVICTION_BATCH,
        bytes - freed,
      ]);
      if (rows.length === 0) break;
      for (const row of rows) {
        freed += Number(row.size);
        await this.removeObject(owner.project, row.storage, row.name);
      }
    }
    return freed;
  }

  /** Best effort: the row is gone, so a leftover object costs space but is never served as current. */
  private async removeObject(project: ProjectEntity, location: string, name: string): Promise<void> {
    try {
      await this.storage.forProject(project.key, location).delete(name);
    } catch (error) {
      this.logger.warn(
        { err: error, project: project.key, variant: name },
        'could not remove an evicted variant',
      );
    }
  }
}
