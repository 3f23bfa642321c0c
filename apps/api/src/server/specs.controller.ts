import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { OpenApiDocuments } from '@atrium/server';
import { CurrentTenant, TenantContext } from '@atrium/tenancy';

/** OpenAPI 3 of the platform, and of a project's API with its own base URL (not wrapped in `data`). */
@ApiTags('Server')
@Controller()
export class SpecsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly documents: OpenApiDocuments,
  ) {}

  @Get('server/specs/oas')
  platform() {
    return this.documents.platform(this.config.publicUrl);
  }

  @Get(':project/server/specs/oas')
  project(@CurrentTenant() tenant: TenantContext) {
    return this.documents.project(this.config.publicUrl, tenant.key);
  }
}
