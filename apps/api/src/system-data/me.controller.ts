import { Body, Controller, Get, Header, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MeService, PolicyGlobalsView, SystemContext } from '@atrium/system-data';
import { JSON_TYPE } from './json-type';
import { CurrentSystemContext } from './system-context.decorator';

/** The caller's own user, roles and access flags. */
@ApiTags('Users')
@ApiBearerAuth()
@Controller(':project')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get('users/me')
  @Header('content-type', JSON_TYPE)
  readUser(
    @CurrentSystemContext() context: SystemContext,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.me.readUser(context, query);
  }

  @Patch('users/me')
  @Header('content-type', JSON_TYPE)
  updateUser(
    @CurrentSystemContext() context: SystemContext,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.me.updateUser(context, body, query);
  }

  @Get('roles/me')
  @Header('content-type', JSON_TYPE)
  readRoles(
    @CurrentSystemContext() context: SystemContext,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.me.readRoles(context, query);
  }

  @Get('policies/me/globals')
  readGlobals(@CurrentSystemContext() context: SystemContext): Promise<{ data: PolicyGlobalsView }> {
    return this.me.readGlobals(context);
  }
}
