import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Accountability, CurrentAccountability, PasswordResetService } from '@atrium/auth';
import { CurrentTenant, TenantContext } from '@atrium/tenancy';
import { PasswordRequestDto, TokenPasswordDto } from './account.dto';

/** `/:project/auth/password/request|reset`: forgotten passwords by mailed link. */
@ApiTags('Authentication')
@Controller(':project/auth/password')
export class PasswordController {
  constructor(private readonly passwords: PasswordResetService) {}

  @Post('request')
  @HttpCode(204)
  async request(@CurrentTenant() tenant: TenantContext, @Body() body: PasswordRequestDto): Promise<void> {
    await this.passwords.request(tenant, { email: body.email, resetUrl: body.reset_url });
  }

  @Post('reset')
  @HttpCode(204)
  async reset(
    @CurrentTenant() tenant: TenantContext,
    @CurrentAccountability() accountability: Accountability,
    @Body() body: TokenPasswordDto,
  ): Promise<void> {
    await this.passwords.reset(tenant, accountability, body);
  }
}
