import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Accountability, CurrentAccountability, UserInviteService } from '@atrium/auth';
import { CurrentTenant, TenantContext } from '@atrium/tenancy';
import { InviteDto, TokenPasswordDto } from './account.dto';

/** `/:project/users/invite[/accept]`: an admin invites by mail; the invitee chooses a password. */
@ApiTags('Users')
@Controller(':project/users/invite')
export class UserInviteController {
  constructor(private readonly invites: UserInviteService) {}

  @Post()
  @HttpCode(204)
  @ApiBearerAuth()
  async invite(
    @CurrentTenant() tenant: TenantContext,
    @CurrentAccountability() accountability: Accountability,
    @Body() body: InviteDto,
  ): Promise<void> {
    await this.invites.invite(tenant, accountability, {
      email: body.email,
      role: body.role,
      inviteUrl: body.invite_url,
    });
  }

  @Post('accept')
  @HttpCode(204)
  async accept(
    @CurrentTenant() tenant: TenantContext,
    @CurrentAccountability() accountability: Accountability,
    @Body() body: TokenPasswordDto,
  ): Promise<void> {
    await this.invites.accept(tenant, accountability, body);
  }
}
