import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Row, SettingsService, SystemContext } from '@atrium/system-data';
import { CurrentSystemContext } from './system-context.decorator';

/** The project settings singleton. */
@ApiTags('Settings')
@ApiBearerAuth()
@Controller(':project/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  read(
    @CurrentSystemContext() context: SystemContext,
    @Query() query: Record<string, unknown>,
  ): Promise<{ data: Row }> {
    return this.settings.read(context, query);
  }

  @Patch()
  update(
    @CurrentSystemContext() context: SystemContext,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ): Promise<{ data: Row }> {
    return this.settings.update(context, body, query);
  }
}
