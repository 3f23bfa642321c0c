import { Injectable } from '@nestjs/common';
import { SettingsInvalidation } from '@atrium/items';
import type { AssetSettings } from '@atrium/media';
import { ProjectInstanceCache, type TenantContext } from '@atrium/tenancy';
import { LRUCache } from 'lru-cache';
import { readAssetSettings } from './asset-settings';

/** Transformations remembered per project instance, by their query (a page of thumbnails asks alike). */
const MAX_TRANSFORMATIONS = 256;

/**
 * One project instance's asset settings, and what they made of queries already seen: both go together
 * when the settings change, so a remembered transformation never outlives the settings that allowed it.
 */
export class ProjectAssetSettings {
  private readonly parsed = new LRUCache<string, NonNullable<unknown>>({ max: MAX_TRANSFORMATIONS });

  constructor(readonly settings: AssetSettings) {}

  /** `make()`'s answer for `key`, made once; a throw (a refused query) is not remembered. */
  remembered<T extends NonNullable<unknown>>(key: string, make: () => T): T {
    let value = this.parsed.get(key) as T | undefined;
    if (value === undefined) {
      value = make();
      this.parsed.set(key, value);
    }
    return value;
  }
}

/** Projects whose settings are kept; the least recently used beyond it is dropped. */
const MAX_PROJECTS = 1_000;
/** Bounds how stale a copy gets if an invalidation is lost (Redis restarting): read again after this. */
const TTL_MS = 60_000;

/**
 * The asset settings of each project instance, read once instead of on every transform request, and
 * dropped on every API instance when `directus_settings` is written (`SettingsInvalidation`).
 */
@Injectable()
export class AssetSettingsCache {
  private readonly projects = new ProjectInstanceCache<ProjectAssetSettings>({
    max: MAX_PROJECTS,
    ttlMs: TTL_MS,
  });

  constructor(invalidation: SettingsInvalidation) {
    invalidation.onSettingsChanged((key) => this.projects.delete(key));
  }

  of(tenant: TenantContext): Promise<ProjectAssetSettings> {
    return this.projects.fetch(
      tenant.project,
      async () => new ProjectAssetSettings(await readAssetSettings(await tenant.pool())),
    );
  }
}
