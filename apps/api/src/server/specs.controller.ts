import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { SkipAuth } from '@atrium/auth';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { OpenApiDocuments } from '@atrium/server';
import type { RequestContext } from '@atrium/permissions';
import { CurrentContext } from '../request/current-context.decorator';
import { REFERENCE_CSP, referencePage } from './api-reference/reference-page';

/** OpenAPI 3 of the platform, and of a project's API for the caller, with its own base URL (not wrapped in `data`). */
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

  /** The caller's view: only the collections, fields and operations its permissions reach. */
  @Get(':project/server/specs/oas')
  project(@CurrentContext() context: RequestContext) {
    return this.documents.project(
      this.config.publicUrl,
      context.tenant.key,
      context.schema,
      context.permissions,
    );
  }

  /** The interactive reference of the platform's document (Swagger UI, served from this origin). */
  @Get('server/specs/docs')
  @SkipAuth()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', REFERENCE_CSP)
  @Header('cache-control', 'no-cache')
  platformReference(): string {
    return referencePage('Atrium platform API', this.basePath());
  }

  /** A project's reference; opened with `?access_token=`, it shows and tries what that caller may do. */
  @Get(':project/server/specs/docs')
  @SkipAuth()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', REFERENCE_CSP)
  @Header('cache-control', 'no-cache')
  projectReference(@Param('project') project: string): string {
    return referencePage(`Atrium project "${project}" API`, this.basePath());
  }

  /** The path the public URL puts the API under (empty at a host's root). */
  private basePath(): string {
    return new URL(this.config.publicUrl).pathname.replace(/\/$/, '');
  }
}
