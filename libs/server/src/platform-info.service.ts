import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, platformVersion } from '@atrium/core';
import { ProjectStatsStore } from '@atrium/tenancy';
import { runtimeInfo } from './runtime-info';

export interface PublicPlatformInfo {
  platform: { name: string; version: string };
}

/** `GET /server/info`: the public part for anyone, plus measured platform statistics for the super-admin. */
@Injectable()
export class PlatformInfoService {
  constructor(
    private readonly stats: ProjectStatsStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  publicInfo(): PublicPlatformInfo {
    return { platform: { name: 'Atrium', version: platformVersion() } };
  }

  /** Totals over the stored stats (`ProjectStatsStore`): one query, whatever the number of projects. */
  async fullInfo() {
    const totals = await this.stats.totals();
    return {
      ...this.publicInfo(),
      ...runtimeInfo(),
      uptime: Math.round(process.uptime()),
      project_count: totals.projectCount,
      usage: totals.usage,
      oldest_record: totals.oldestRecord,
      latest_record: totals.latestRecord,
      defaults: {
        project: { quota_type: 'NONE', quota_size: null, rate_limit: this.config.projectRateLimit },
      },
    };
  }
}
