import { Injectable } from '@nestjs/common';
import { routeNotFound } from '@atrium/core';
import {
  ProjectEntity,
  ProjectPatch,
  ProjectProvisioner,
  ProjectRegistry,
  ProjectStatsStore,
  ProvisionInput,
} from '@atrium/tenancy';
import { projectListQuery } from './project-list-query';
import { toProjectView, ProjectView } from './project-view';
import { PlatformMetrics } from './metrics/platform-metrics';

/**
 * The super-admin's view of projects: registry rows joined with their stored statistics. No route measures a
 * project: provisioning stores the first figures, `ProjectStatsRefresher` keeps them current in the background.
 */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly registry: ProjectRegistry,
    private readonly provisioner: ProjectProvisioner,
    private readonly store: ProjectStatsStore,
    private readonly metrics: PlatformMetrics,
  ) {}

  /**
   * A page of projects with their stored stats (measured in the background, see `ProjectStatsRefresher`):
   * one query on the platform database, whatever the number of projects.
   */
  async list(
    raw: Record<string, unknown> = {},
  ): Promise<{ data: ProjectView[]; meta?: Record<string, number> }> {
    const { query, meta } = projectListQuery(raw);
    const { items, filterCount, totalCount } = await this.store.list(query);
    const data = items.map(({ project, stats }) => toProjectView(project, stats));
    if (!meta.total_count && !meta.filter_count) return { data };
    return {
      data,
      meta: {
        ...(meta.total_count ? { total_count: totalCount } : {}),
        ...(meta.filter_count ? { filter_count: filterCount } : {}),
      },
    };
  }

  async read(key: string): Promise<ProjectView> {
    const project = await this.find(key);
    return this.view(project);
  }

  async create(input: ProvisionInput): Promise<ProjectView> {
    const started = performance.now();
    const project = await this.provisioner.provision(input);
    this.metrics.observeProvisioning((performance.now() - started) / 1000);
    return this.view(project);
  }

  async update(key: string, patch: ProjectPatch): Promise<ProjectView> {
    return this.view(await this.provisioner.update(await this.find(key), patch));
  }

  async delete(key: string): Promise<void> {
    await this.provisioner.delete(await this.find(key));
  }

  private async find(key: string): Promise<ProjectEntity> {
    const project = await this.registry.findFresh(key);
    if (!project || project.status === 'provisioning') throw routeNotFound(`/server/projects/${key}`);
    return project;
  }

  /** One platform query, like a list's row: a suspended project shows no stats, as in the list. */
  private async view(project: ProjectEntity): Promise<ProjectView> {
    const stored = project.status === 'active' ? await this.store.read(project.key) : null;
    return toProjectView(project, stored?.stats ?? null);
  }
}
