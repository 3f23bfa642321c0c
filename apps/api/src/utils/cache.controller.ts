import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthInvalidation } from '@atrium/auth';
import { forbidden } from '@atrium/core';
import type { RequestContext } from '@atrium/permissions';
import { SchemaCache } from '@atrium/schema';
import { CurrentContext } from '../request/current-context.decorator';

/**
 * `POST /utils/cache/clear[?system]` (admin; the SDK's `clearCache`). Atrium keeps no cache of item data
 * (reads are compiled once per schema version, never answered from a copy), so the plain call has nothing to
 * drop; `?system` drops the project's schema overview and its cached identities and permissions on every
 * instance — what to do after changing the project's database outside the API.
 */
@ApiTags('Utilities')
@ApiBearerAuth()
@Controller(':project/utils/cache')
export class CacheController {
  constructor(
    private readonly schemas: SchemaCache,
    private readonly auth: AuthInvalidation,
  ) {}

  @Post('clear')
  @HttpCode(200)
  async clear(@CurrentContext() context: RequestContext, @Query('system') system: unknown): Promise<void> {
    if (!context.accountability.admin) throw forbidden();
    if (system === undefined) return;
    await this.schemas.invalidate(context.tenant);
    await this.auth.projectChanged(context.tenant.key);
  }
}
