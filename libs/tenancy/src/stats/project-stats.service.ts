import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { InvalidationBus } from '@atrium/redis';
import { TenantConnectionManager } from '../connections/tenant-connection.manager';
import { POOL_EVICT_TOPIC } from '../connections/pool-evict-topic';
import { ProjectEntity } from '../registry/project.entity';
import { ProjectInstanceCache } from '../registry/project-instance-cache';
import { measureProject, ProjectStats } from './project-stats';
import { ProjectStatsStore } from './project-stats-store';

/**
 * One project's statistics, measured now (at most every STATS_CACHE_TTL_MS; concurrent requests share one
 * measurement) and stored for the lists (`ProjectStatsStore`), which never measure. Cached per provisioning:
 * a project re-created under the same key is measured afresh, and a closed (suspended, deleted) one is
 * forgotten.
 */
@Injectable()
export class ProjectStatsService {
  private readonly cache: ProjectInstanceCache<ProjectStats>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly connections: TenantConnectionManager,
    private readonly store: ProjectStatsStore,
    bus: InvalidationBus,
  ) {
    this.cache = new ProjectInstanceCache({ ttlMs: config.statsCacheTtlMs });
    bus.on(POOL_EVICT_TOPIC, (key) => this.cache.delete(key));
  }

  get(project: ProjectEntity): Promise<ProjectStats> {
    return this.cache.fetch(project, async () => {
      const stats = await this.connections.withPool(project, measureProject);
      await this.store.save(project.key, stats);
      return stats;
    });
  }
}
