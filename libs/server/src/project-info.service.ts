import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, platformVersion } from '@atrium/core';
import { effectiveRateLimit, ProjectStatsStore, TenantContext } from '@atrium/tenancy';
import { runtimeInfo } from './runtime-info';
import { signedInInfo } from './signed-in-info';

/** The settings fields anyone may read: what a login page needs to render (seed 000, Directus settings). */
const PUBLIC_SETTINGS = [
  'project_name',
  'project_descriptor',
  'project_url',
  'project_logo',
  'project_color',
  'public_foreground',
  'public_background',
  'public_favicon',
  'public_note',
  'default_language',
  'custom_css',
  'public_registration',
] as const;

export type PublicProjectInfo = Record<(typeof PUBLIC_SETTINGS)[number], unknown> & { key: string };

/** `GET /:project` and `/:project/server/info`. */
@Injectable()
export class ProjectInfoService {
  constructor(
    private readonly stats: ProjectStatsStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async publicInfo(tenant: TenantContext): Promise<PublicProjectInfo> {
    const pool = await tenant.pool();
    const { rows } = await pool.query(
      `SELECT ${PUBLIC_SETTINGS.join(', ')} FROM directus_settings ORDER BY id LIMIT 1`,
    );
    const settings = (rows[0] ?? {}) as Record<string, unknown>;
    const info = { key: tenant.key } as PublicProjectInfo;
    for (const field of PUBLIC_SETTINGS) info[field] = settings[field] ?? null;
    if (info.project_name === null) info.project_name = tenant.project.name;
    return info;
  }

  /** What any signed-in user of the project sees (its admins too): Directus's limits and version. */
  async userInfo(tenant: TenantContext) {
    const rateLimit = effectiveRateLimit(tenant.project, this.config.projectRateLimit);
    return { project: await this.publicInfo(tenant), ...signedInInfo(this.config, rateLimit) };
  }

  /**
   * What the platform super-admin sees: the same, plus the host (process, machine) and the project's stored
   * stats (as `/server/projects/:key` shows them; null until first measured), never measured here.
   */
  async superAdminInfo(tenant: TenantContext) {
    const [info, stored] = await Promise.all([this.userInfo(tenant), this.stats.read(tenant.key)]);
    return {
      ...info,
      directus: { version: platformVersion() },
      ...runtimeInfo(),
      stats: stored?.stats ?? null,
    };
  }
}
