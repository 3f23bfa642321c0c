import { Injectable } from '@nestjs/common';
import { routeNotFound } from '@atrium/core';
import {
  ProjectEntity,
  ProjectPatch,
  ProjectProvisioner,
  ProjectRegistry,
  ProjectStatsService,
  ProvisionInput,
} from '@atrium/tenancy';
import { toProjectView, ProjectView } from './project-view';

/** The super-admin's view of projects: registry rows joined with their (cached) statistics. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly registry: ProjectRegistry,
    private readonly provisioner: ProjectProvisioner,
    private readonly stats: ProjectStatsService,
  ) {}

  async list(): Promise<ProjectView[]> {
    const projects = (await this.registry.list()).filter((project) => project.status !== 'provisioning');
    const active = projects.filter((project) => project.status === 'active');
    const measured = await this.stats.getMany(active);
    const statsByKey = new Map(active.map((project, index) => [project.key, measured[index]]));
    return projects.map((project) => toProjectView(project, statsByKey.get(project.key) ?? null));
  }

  async read(key: string): Promise<ProjectView> {
    const project = await this.find(key);
    return this.view(project);
  }

  async create(input: ProvisionInput): Promise<ProjectView> {
    return this.view(await this.provisioner.provision(input));
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

  private async view(project: ProjectEntity): Promise<ProjectView> {
    const stats = project.status === 'active' ? await this.stats.get(project).catch(() => null) : null;
    return toProjectView(project, stats);
  }
}
