import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Accountability, CurrentAccountability } from '@atrium/auth';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import {
  HEALTH_CACHE_CONTROL,
  HEALTH_CONTENT_TYPE,
  healthHttpStatus,
  IetfHealth,
  publicHealth,
} from '@atrium/health';
import { HealthChecksService } from '@atrium/server';
import { CurrentTenant, TenantContext } from '@atrium/tenancy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { platformCallerIsSuperAdmin, seesServerDetails } from './caller';

function send(reply: FastifyReply, health: IetfHealth, detailed: boolean): void {
  void reply
    .code(healthHttpStatus(health))
    .header('content-type', HEALTH_CONTENT_TYPE)
    .header('cache-control', HEALTH_CACHE_CONTROL)
    .send(detailed ? health : publicHealth(health));
}

/** IETF health: anonymous callers get `{status}`, the super-admin the checks; 503 when anything is down. */
@ApiTags('Server')
@Controller()
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly checks: HealthChecksService,
  ) {}

  @Get('server/health')
  async platform(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const detailed = platformCallerIsSuperAdmin(request, this.config);
    send(reply, await this.checks.platformHealth(), detailed);
  }

  @Get(':project/server/health')
  async project(
    @CurrentTenant() tenant: TenantContext,
    @CurrentAccountability() accountability: Accountability,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    send(reply, await this.checks.projectHealth(tenant), seesServerDetails(accountability));
  }
}
