import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AuthMode,
  hashToken,
  IssuedTokens,
  LoginService,
  ProjectSecrets,
  RefreshService,
  sessionFromCookie,
} from '@atrium/auth';
import { APP_CONFIG, AppConfig, invalidPayload } from '@atrium/core';
import { CurrentTenant, TenantContext } from '@atrium/tenancy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { projectCookieOptions } from './auth-cookies';
import { LoginDto } from './auth.dto';
import { readSessionBody } from './session-body';

function metaOf(request: FastifyRequest) {
  const header = (name: string) =>
    typeof request.headers[name] === 'string' ? (request.headers[name] as string) : null;
  return { ip: request.ip ?? null, userAgent: header('user-agent'), origin: header('origin') };
}

/** `/:project/auth/login|refresh|logout` in the three Directus modes: json, cookie and session. */
@ApiTags('Authentication')
@Controller(':project/auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logins: LoginService,
    private readonly refreshes: RefreshService,
    private readonly secrets: ProjectSecrets,
  ) {}

  @Post('login')
  @HttpCode(200)
  async login(
    @CurrentTenant() tenant: TenantContext,
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const mode = body.mode ?? 'json';
    const tokens = await this.logins.login(tenant, { ...body, mode }, metaOf(request));
    return this.respond(tenant, mode, tokens, reply);
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
    const presented = this.presentedSession(tenant, mode, refreshToken, request);
    const tokens = await this.refreshes.refresh(tenant, presented, mode, metaOf(request));
    return this.respond(tenant, mode, tokens, reply);
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
    const presented = this.presentedSession(tenant, mode, refreshToken, request);
    await this.refreshes.logout(tenant, presented);
    const options = projectCookieOptions(this.config, tenant.key);
    void reply.clearCookie(this.config.auth.refreshCookieName, options);
    void reply.clearCookie(this.config.auth.sessionCookieName, options);
  }

  /** The hash of the session the client presents, from the body, the refresh cookie or the session cookie. */
  private presentedSession(
    tenant: TenantContext,
    mode: AuthMode,
    refreshToken: string | null,
    request: FastifyRequest,
  ): string {
    const cookies = request.cookies ?? {};
    if (mode === 'session') {
      const cookie = cookies[this.config.auth.sessionCookieName];
      const session = cookie
        ? sessionFromCookie(cookie, this.secrets.jwtSecret(tenant.project), tenant.key)
        : null;
      if (!session) throw invalidPayload('The session cookie is required.');
      return session;
    }
    const token = mode === 'json' ? refreshToken : (cookies[this.config.auth.refreshCookieName] ?? null);
    if (!token) throw invalidPayload('The refresh token is required in either the payload or cookie.');
    return hashToken(token);
  }

  private respond(tenant: TenantContext, mode: AuthMode, tokens: IssuedTokens, reply: FastifyReply) {
    const { refreshCookieName, sessionCookieName, refreshTokenTtlMs, sessionCookieTtlMs } = this.config.auth;
    if (mode === 'cookie') {
      void reply.setCookie(
        refreshCookieName,
        tokens.session.token,
        projectCookieOptions(this.config, tenant.key, refreshTokenTtlMs),
      );
      return { data: { access_token: tokens.accessToken, expires: tokens.expires } };
    }
    if (mode === 'session') {
      void reply.setCookie(
        sessionCookieName,
        tokens.accessToken,
        projectCookieOptions(this.config, tenant.key, sessionCookieTtlMs),
      );
      return { data: { expires: tokens.expires } };
    }
    return {
      data: {
        access_token: tokens.accessToken,
        expires: tokens.expires,
        refresh_token: tokens.session.token,
      },
    };
  }
}
