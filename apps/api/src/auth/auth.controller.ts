import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentTenant, TenantContext } from '@atrium/tenancy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthSessions } from './auth-sessions';
import { LoginDto } from './auth.dto';
import { readSessionBody } from './session-body';

/** `/:project/auth/login|refresh|logout` in the three Directus modes: json, cookie and session. */
@ApiTags('Authentication')
@Controller(':project/auth')
export class AuthController {
  constructor(private readonly sessions: AuthSessions) {}

  @Post('login')
  @HttpCode(200)
  async login(
    @CurrentTenant() tenant: TenantContext,
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { mode = 'json', ...credentials } = body;
    return { data: await this.sessions.login(tenant, credentials, mode, request, reply) };
  }

  @Post('refresh')
  @HttpCode(200)
  async refresh(
    @CurrentTenant() tenant: TenantContext,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { mode, refreshToken } = readSessionBody(body);
    return { data: await this.sessions.refresh(tenant, mode, refreshToken, request, reply) };
  }

  @Post('logout')
  @HttpCode(204)
  async logout(
    @CurrentTenant() tenant: TenantContext,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const { mode, refreshToken } = readSessionBody(body);
    await this.sessions.logout(tenant, mode, refreshToken, request, reply);
  }
}
