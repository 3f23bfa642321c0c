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
  private readonly cache = new ProjectInstanceCache<{ value: Promise<ProjectStats>; expires: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connections: TenantConnectionManager,
    bus: InvalidationBus,
  ) {
    bus.on(POOL_EVICT_TOPIC, (key) => this.cache.delete(key));
  }

  get(project: ProjectEntity): Promise<ProjectStats> {
    const now = Date.now();
    const cached = this.cache.get(project);
    if (cached && cached.expires > now) return cached.value;
    const value = this.connections.get(project).then(measureProject);
    const entry = { value, expires: now + this.config.statsCacheTtlMs };
    this.cache.set(project, entry);
    value.catch(() => this.cache.delete(project.key, entry));
    return value;
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
