import { Body, Controller, Get, Header, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RequestContext } from '@atrium/permissions';
import { MeService, PolicyGlobalsView } from '@atrium/system-data';
import { JSON_TYPE } from '../items/answers';
import { CurrentContext } from '../request/current-context.decorator';

/** The caller's own user, roles and access flags. */
@ApiTags('Users')
@ApiBearerAuth()
@Controller(':project')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get('users/me')
  @Header('content-type', JSON_TYPE)
  readUser(
    @CurrentContext() context: RequestContext,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.me.readUser(context, query);
  }

  @Patch('users/me')
  @Header('content-type', JSON_TYPE)
  updateUser(
    @CurrentContext() context: RequestContext,
    @Body() body: unknown,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.me.updateUser(context, body, query);
  }

  @Get('roles/me')
  @Header('content-type', JSON_TYPE)
  readRoles(
    @CurrentContext() context: RequestContext,
    @Query() query: Record<string, unknown>,
  ): Promise<string> {
    return this.me.readRoles(context, query);
  }

  @Get('policies/me/globals')
  readGlobals(@CurrentContext() context: RequestContext): Promise<{ data: PolicyGlobalsView }> {
    return this.me.readGlobals(context);
  }
}
