import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MeService, PolicyGlobalsView, Row, SystemContext } from '@atrium/system-data';
import { CurrentSystemContext } from './system-context.decorator';

/** The caller's own user, roles and access flags. */
@ApiTags('Users')
@ApiBearerAuth()
@Controller(':project')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get('users/me')
  readUser(
    @CurrentSystemContext() context: SystemContext,
    @Query() query: Record<string, unknown>,
  ): Promise<{ data: Row }> {
    return this.me.readUser(context, query);
  }

  @Patch('users/me')
  updateUser(
    @CurrentSystemContext() context: SystemContext,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ): Promise<{ data: Row }> {
    return this.me.updateUser(context, body, query);
  }

  @Get('roles/me')
  readRoles(
    @CurrentSystemContext() context: SystemContext,
    @Query() query: Record<string, unknown>,
  ): Promise<{ data: Row[] }> {
    return this.me.readRoles(context, query);
  }

  @Get('policies/me/globals')
  readGlobals(@CurrentSystemContext() context: SystemContext): Promise<{ data: PolicyGlobalsView }> {
    return this.me.readGlobals(context);
  }
}
