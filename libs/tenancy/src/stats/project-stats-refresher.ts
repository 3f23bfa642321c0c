import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { TenantConnectionManager } from '../connections/tenant-connection.manager';
import { ProjectRegistry } from '../registry/project-registry';
import { measureProject, type ProjectStats } from './project-stats';
import { ProjectStatsStore } from './project-stats-store';

/**
 * Projects measured per tick, one after another: a sweep over a thousand projects is a steady trickle of
 * small statements, not a burst that competes with requests.
 */
const PROJECTS_PER_TICK = 4;

/**
 * Keeps every project's stored stats at most STATS_CACHE_TTL_MS old (as far as PROJECTS_PER_TICK per
 * STATS_REFRESH_INTERVAL_MS allows), in the background of each API instance; instances share the work by
 * claiming projects in the platform database. A project is measured on its open pool if it has one, else on
 * a connection of its own, so the sweep never opens pools or pushes a busy project's pool out.
 */
@Injectable()
export class ProjectStatsRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectStatsRefresher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: ProjectStatsStore,
    private readonly registry: ProjectRegistry,
    private readonly connections: TenantConnectionManager,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.statsRefreshIntervalMs === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.refresh().finally(() => (this.running = null));
    }, this.config.statsRefreshIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Measures the stalest projects due (exposed for tests and the CLI); failures wait for a later tick. */
  async refresh(): Promise<void> {
    let keys: string[];
    try {
      keys = await this.store.claimStale(this.config.statsCacheTtlMs, PROJECTS_PER_TICK);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not claim projects to measure');
      return;
    }
    for (const key of keys) {
      try {
        await this.measure(key);
      } catch (error) {
        this.logger.debug({ err: error, project: key }, 'could not measure a project');
      }
    }
  }

  /**
   * Measures one project now and stores the figures (the sweep's step; exposed for tests and the CLI).
   * Answers null, storing nothing, for a project that is gone or not active.
   */
  async measure(key: string): Promise<ProjectStats | null> {
    const project = await this.registry.findFresh(key);
    if (project?.status !== 'active') return null;
    const stats = await this.connections.withOpenPoolOrClient(project, measureProject);
    await this.store.save(key, stats);
    return stats;
  }
}
