import { Inject, Injectable } from '@nestjs/common';
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
import type { TenantContext } from '@atrium/tenancy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { projectCookieOptions } from './auth-cookies';

/** What a sign-in or a refresh answers in `data`, by mode (the rest travels in cookies). */
export interface SessionAnswer {
  access_token?: string;
  expires: number;
  refresh_token?: string;
}

export interface Credentials {
  email: string;
  password: string;
  otp?: string;
}

function metaOf(request: FastifyRequest) {
  const header = (name: string) =>
    typeof request.headers[name] === 'string' ? (request.headers[name] as string) : null;
  return { ip: request.ip ?? null, userAgent: header('user-agent'), origin: header('origin') };
}

/**
 * Sign-in, refresh and sign-out in Directus's three modes (json, cookie, session), with the project-scoped
 * cookies: one implementation for `/auth/*` and for GraphQL's `auth_login`, `auth_refresh`, `auth_logout`.
 */
@Injectable()
export class AuthSessions {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logins: LoginService,
    private readonly refreshes: RefreshService,
    private readonly secrets: ProjectSecrets,
  ) {}

  async login(
    tenant: TenantContext,
    credentials: Credentials,
    mode: AuthMode,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<SessionAnswer> {
    const tokens = await this.logins.login(tenant, { ...credentials, mode }, metaOf(request));
    return this.respond(tenant, mode, tokens, reply);
  }

  async refresh(
    tenant: TenantContext,
    mode: AuthMode,
    refreshToken: string | null,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<SessionAnswer> {
    const presented = this.presentedSession(tenant, mode, refreshToken, request);
    const tokens = await this.refreshes.refresh(tenant, presented, mode, metaOf(request));
    return this.respond(tenant, mode, tokens, reply);
  }

  async logout(
    tenant: TenantContext,
    mode: AuthMode,
    refreshToken: string | null,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
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

  private respond(
    tenant: TenantContext,
    mode: AuthMode,
    tokens: IssuedTokens,
    reply: FastifyReply,
  ): SessionAnswer {
    const { refreshCookieName, sessionCookieName, refreshTokenTtlMs, sessionCookieTtlMs } = this.config.auth;
    if (mode === 'cookie') {
      void reply.setCookie(
        refreshCookieName,
        tokens.session.token,
        projectCookieOptions(this.config, tenant.key, refreshTokenTtlMs),
      );
      return { access_token: tokens.accessToken, expires: tokens.expires };
    }
    if (mode === 'session') {
      void reply.setCookie(
        sessionCookieName,
        tokens.accessToken,
        projectCookieOptions(this.config, tenant.key, sessionCookieTtlMs),
      );
      return { expires: tokens.expires };
    }
    return { access_token: tokens.accessToken, expires: tokens.expires, refresh_token: tokens.session.token };
  }
}
