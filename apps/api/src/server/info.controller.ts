import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Accountability, CurrentAccountability } from '@atrium/auth';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { PlatformInfoService, ProjectInfoService } from '@atrium/server';
import { CurrentTenant, TenantContext } from '@atrium/tenancy';
import type { FastifyRequest } from 'fastify';
import { platformCallerIsSuperAdmin, seesServerDetails } from './caller';

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

  @Get(':project/server/info')
  async projectInfo(
    @CurrentTenant() tenant: TenantContext,
    @CurrentAccountability() accountability: Accountability,
  ) {
    if (seesServerDetails(accountability)) return { data: await this.projects.adminInfo(tenant) };
    return { data: { project: await this.projects.publicInfo(tenant) } };
  }

  @Get(':project')
  async project(@CurrentTenant() tenant: TenantContext) {
    return { data: { project: await this.projects.publicInfo(tenant) } };
  }
}
