import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Accountability, CurrentAccountability } from '@atrium/auth';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { PlatformInfoService, ProjectInfoService } from '@atrium/server';
import { CurrentTenant, TenantContext } from '@atrium/tenancy';
import type { FastifyRequest } from 'fastify';
import { platformCallerIsSuperAdmin } from './caller';

@ApiTags('Server')
@Controller()
export class InfoController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly platform: PlatformInfoService,
    private readonly projects: ProjectInfoService,
  ) {}

  @Get('server/info')
  async platformInfo(@Req() request: FastifyRequest) {
    const full = platformCallerIsSuperAdmin(request, this.config);
    return { data: full ? await this.platform.fullInfo() : this.platform.publicInfo() };
  }

  /**
   * Directus's server info by caller: the project for anyone, limits and version for a signed-in user. Host
   * details (node, os, uptime) are the platform's: the super-admin's only, never a project admin's.
   */
  @Get(':project/server/info')
  async projectInfo(
    @CurrentTenant() tenant: TenantContext,
    @CurrentAccountability() accountability: Accountability,
  ) {
    if (accountability.superAdmin) return { data: await this.projects.superAdminInfo(tenant) };
    if (accountability.user) return { data: await this.projects.userInfo(tenant) };
    return { data: { project: await this.projects.publicInfo(tenant) } };
  }

  @Get(':project')
  async project(@CurrentTenant() tenant: TenantContext) {
    return { data: { project: await this.projects.publicInfo(tenant) } };
  }
}
