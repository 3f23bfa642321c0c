import { Injectable } from '@nestjs/common';
import { limitExceeded } from '@atrium/core';
import type { ProjectEntity } from '../registry/project.entity';
import { ProjectInstanceCache } from '../registry/project-instance-cache';
import { readDatabaseSize, readStoredTotals, type StorageUsage, type UsageQueryable } from './storage-usage';

/** A quota that limits something; `NONE` has none. */
export interface QuotaLimit {
  type: 'HARD' | 'FIFO';
  /** Bytes: database + original files + cached variants. */
  size: number;
}

export function quotaLimit(project: Pick<ProjectEntity, 'quotaType' | 'quotaSize'>): QuotaLimit | null {
  if (project.quotaType === 'NONE' || project.quotaSize === null) return null;
  return { type: project.quotaType, size: Number(project.quotaSize) };
}

/**
 * The database's size changes with every write but costs a walk of its files to read, so a quota check uses a
 * reading at most this old; the files and variants, which a single upload can move by gigabytes, are exact.
 */
const DATABASE_SIZE_TTL_MS = 5_000;

/**
 * Quota arithmetic (seed 003, issue 13): `HARD` refuses what would pass the size; `FIFO` counts cached
 * transform variants as room, because they are evicted oldest first to make it (originals never are), and
 * refuses as `HARD` once only originals and the database are left. Usage is the tenant's own running
 * totals, never a scan.
 */
@Injectable()
export class ProjectQuota {
  private readonly databaseSizes = new ProjectInstanceCache<number>({ ttlMs: DATABASE_SIZE_TTL_MS });

  /** The project's usage, read through `db` (a transaction's client sees and, with `lock`, locks the totals). */
  async usage(project: ProjectEntity, db: UsageQueryable, lock = false): Promise<StorageUsage> {
    const totals = await readStoredTotals(db, lock);
    const database = await this.databaseSizes.fetch(project, () => readDatabaseSize(db));
    return { database, ...totals };
  }

  /**
   * Bytes that may still be added before the quota refuses (variants counted as room under FIFO); null when
   * the project has no quota. Never negative.
   */
  async room(project: ProjectEntity, db: UsageQueryable, lock = false): Promise<number | null> {
    const limit = quotaLimit(project);
    if (!limit) return null;
    const usage = await this.usage(project, db, lock);
    const kept = usage.database + usage.files + (limit.type === 'HARD' ? usage.variants : 0);
    return Math.max(0, limit.size - kept);
  }

  /** Refuses (413 `LIMIT_EXCEEDED`) a write that adds data once the quota is used up; deletes are never refused. */
  async assertNotFull(project: ProjectEntity, db: UsageQueryable): Promise<void> {
    const room = await this.room(project, db);
    if (room === 0) throw quotaFull(project);
  }

  /** Refuses `adding` more bytes if they do not fit; with `lock`, the check holds until the transaction ends. */
  async assertFits(project: ProjectEntity, db: UsageQueryable, adding: number, lock = false): Promise<void> {
    const room = await this.room(project, db, lock);
    if (room !== null && adding > room) throw wouldExceed(project);
  }

  /** Forgets the database reading, so the next check measures again (after a large write or a delete). */
  forget(project: ProjectEntity): void {
    this.databaseSizes.delete(project.key);
  }
}

const quotaBytes = (project: ProjectEntity): string => `${Number(project.quotaSize)} bytes`;

export const quotaFull = (project: ProjectEntity): Error =>
  limitExceeded(`The project's storage quota (${quotaBytes(project)}) is used up.`);

export const wouldExceed = (project: ProjectEntity): Error =>
  limitExceeded(`The upload would exceed the project's storage quota (${quotaBytes(project)}).`);
