import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Accountability, CurrentAccountability, TfaEnrolment, TfaService } from '@atrium/auth';
import { CurrentTenant, TenantContext } from '@atrium/tenancy';
import { TfaDisableDto, TfaEnableDto, TfaGenerateDto } from './account.dto';

/** `/:project/users/me/tfa/*` and the admin's `/:project/users/:id/tfa/disable`. */
@ApiTags('Users')
@ApiBearerAuth()
@Controller(':project/users')
export class TfaController {
  constructor(private readonly tfa: TfaService) {}

  @Post('me/tfa/generate')
  @HttpCode(200)
  async generate(
    @CurrentTenant() tenant: TenantContext,
    @CurrentAccountability() accountability: Accountability,
    @Body() body: TfaGenerateDto,
  ): Promise<{ data: TfaEnrolment }> {
    return { data: await this.tfa.generate(tenant, accountability, body.password) };
  }

  @Post('me/tfa/enable')
  @HttpCode(204)
  async enable(
    @CurrentTenant() tenant: TenantContext,
    @CurrentAccountability() accountability: Accountability,
    @Body() body: TfaEnableDto,
  ): Promise<void> {
    await this.tfa.enable(tenant, accountability, body);
  }

  @Post('me/tfa/disable')
  @HttpCode(204)
  async disable(
    @CurrentTenant() tenant: TenantContext,
    @CurrentAccountability() accountability: Accountability,
    @Body() body: TfaDisableDto,
  ): Promise<void> {
    await this.tfa.disable(tenant, accountability, body.otp);
  }

  @Post(':id/tfa/disable')
  @HttpCode(204)
  async disableFor(
    @CurrentTenant() tenant: TenantContext,
    @CurrentAccountability() accountability: Accountability,
    @Param('id') id: string,
  ): Promise<void> {
    await this.tfa.disableFor(tenant, accountability, id);
  }
}
