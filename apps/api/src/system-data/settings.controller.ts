import { Body, Controller, Get, Header, Patch, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RequestContext } from '@atrium/permissions';
import { SettingsService } from '@atrium/system-data';
import { JSON_TYPE, orNoContent } from '../items/answers';
import { CurrentContext } from '../request/current-context.decorator';

/** The project settings singleton. */
@ApiTags('Settings')
@ApiBearerAuth()
@Controller(':project/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Header('content-type', JSON_TYPE)
  read(@CurrentContext() context: RequestContext, @Query() query: Record<string, unknown>): Promise<string> {
    return this.settings.read(context, query);
  }

  @Patch()
  @Header('content-type', JSON_TYPE)
  async update(
    @CurrentContext() context: RequestContext,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | undefined> {
    return orNoContent(reply, await this.settings.update(context, body, query));
  }
}
