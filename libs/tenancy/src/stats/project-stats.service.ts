import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { InvalidationBus } from '@atrium/redis';
import { TenantConnectionManager } from '../connections/tenant-connection.manager';
import { POOL_EVICT_TOPIC } from '../connections/pool-evict-topic';
import { ProjectEntity } from '../registry/project.entity';
import { ProjectInstanceCache } from '../registry/project-instance-cache';
import { measureProject, ProjectStats } from './project-stats';

/** How many projects are measured at once when listing them all. */
const MEASURE_CONCURRENCY = 4;

/**
 * Project statistics, cached for STATS_CACHE_TTL_MS so that listing projects does not scan every database on
 * every call; concurrent requests for one project share one measurement. Cached per provisioning: a project
 * re-created under the same key is measured afresh, and a closed (suspended, deleted) one is forgotten.
 */
@Injectable()
export class ProjectStatsService {
  private readonly cache: ProjectInstanceCache<ProjectStats>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly connections: TenantConnectionManager,
    bus: InvalidationBus,
  ) {
    this.cache = new ProjectInstanceCache({ ttlMs: config.statsCacheTtlMs });
    bus.on(POOL_EVICT_TOPIC, (key) => this.cache.delete(key));
  }

  get(project: ProjectEntity): Promise<ProjectStats> {
    return this.cache.fetch(project, () => this.connections.withPool(project, measureProject));
  }

  /** Stats of many projects, measured a few at a time; a project that cannot be measured gets `null`. */
  async getMany(projects: ProjectEntity[]): Promise<Array<ProjectStats | null>> {
    const results: Array<ProjectStats | null> = new Array(projects.length).fill(null);
    let next = 0;
    const worker = async () => {
      while (next < projects.length) {
        const index = next++;
        results[index] = await this.get(projects[index]).catch(() => null);
      }
    };
    await Promise.all(Array.from({ length: Math.min(MEASURE_CONCURRENCY, projects.length) }, worker));
    return results;
  }
}
