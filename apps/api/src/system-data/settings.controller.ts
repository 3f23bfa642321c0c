import { Body, Controller, Get, Header, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SettingsService, SystemContext } from '@atrium/system-data';
import { JSON_TYPE } from './json-type';
import { CurrentSystemContext } from './system-context.decorator';

/** The project settings singleton. */
@ApiTags('Settings')
@ApiBearerAuth()
@Controller(':project/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Header('content-type', JSON_TYPE)
  read(
    @CurrentSystemContext() context: SystemContext,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.settings.read(context, query);
  }

  @Patch()
  @Header('content-type', JSON_TYPE)
  update(
    @CurrentSystemContext() context: SystemContext,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.settings.update(context, body, query);
  }
}
