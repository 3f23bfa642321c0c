import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { InvalidationBus } from '@atrium/redis';
import { TenantConnectionManager } from '../connections/tenant-connection.manager';
import { POOL_EVICT_TOPIC } from '../connections/pool-evict-topic';
import { ProjectEntity } from '../registry/project.entity';
import { measureProject, ProjectStats } from './project-stats';

/** How many projects are measured at once when listing them all. */
const MEASURE_CONCURRENCY = 4;

/**
 * Project statistics, cached for STATS_CACHE_TTL_MS so that listing projects does not scan every database on
 * every call; concurrent requests for one project share one measurement.
 */
@Injectable()
export class ProjectStatsService {
  private readonly cache = new Map<string, { value: Promise<ProjectStats>; expires: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connections: TenantConnectionManager,
    bus: InvalidationBus,
  ) {
    bus.on(POOL_EVICT_TOPIC, (key) => this.cache.delete(key));
  }

  get(project: ProjectEntity): Promise<ProjectStats> {
    const now = Date.now();
    const cached = this.cache.get(project.key);
    if (cached && cached.expires > now) return cached.value;
    const value = this.connections.get(project).then(measureProject);
    this.cache.set(project.key, { value, expires: now + this.config.statsCacheTtlMs });
    value.catch(() => this.cache.delete(project.key));
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
