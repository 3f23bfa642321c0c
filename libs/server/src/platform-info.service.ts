import { Injectable } from '@nestjs/common';
import { platformVersion } from '@atrium/core';
import { ProjectRegistry, ProjectStatsService } from '@atrium/tenancy';
import { runtimeInfo } from './runtime-info';

export interface PublicPlatformInfo {
  platform: { name: string; version: string };
}

/** `GET /server/info`: the public part for anyone, plus measured platform statistics for the super-admin. */
@Injectable()
export class PlatformInfoService {
  constructor(
    private readonly registry: ProjectRegistry,
    private readonly stats: ProjectStatsService,
  ) {}

  publicInfo(): PublicPlatformInfo {
    return { platform: { name: 'Atrium', version: platformVersion() } };
  }

  async fullInfo() {
    const projects = (await this.registry.list()).filter((project) => project.status !== 'provisioning');
    const measured = (
      await this.stats.getMany(projects.filter((project) => project.status === 'active'))
    ).filter((stats) => stats !== null);
    const oldest = measured
      .map((stats) => stats.oldest_record)
      .filter((value): value is number => value !== null);
    const latest = measured
      .map((stats) => stats.latest_record)
      .filter((value): value is number => value !== null);
    return {
      ...this.publicInfo(),
      ...runtimeInfo(),
      uptime: Math.round(process.uptime()),
      project_count: projects.length,
      usage: measured.reduce((sum, stats) => sum + stats.size, 0),
      oldest_record: oldest.length > 0 ? Math.min(...oldest) : null,
      latest_record: latest.length > 0 ? Math.max(...latest) : null,
      defaults: { project: { quota_type: 'NONE', quota_size: null } },
    };
  }
}
