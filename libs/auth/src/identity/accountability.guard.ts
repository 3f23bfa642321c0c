import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { APP_CONFIG, AppConfig, AtriumException, constantTimeEqual, invalidCredentials } from '@atrium/core';
import type { FastifyRequest } from 'fastify';
import { publicAccountability } from '../accountability';
import { claimsToBeAccessToken } from '../tokens/access-token';
import { extractToken } from '../tokens/extract-token';
import { invalidToken, tokenExpired } from './auth-errors';
import { PROJECT_JWT_STRATEGY } from './project-jwt.strategy';
import { SKIP_AUTH } from './skip-auth.decorator';
import { StaticTokenIdentities } from './static-token-identities';

/**
 * Authenticates every request under `/:project` before routing (Directus's rule: a bad token is an error,
 * never a silent downgrade to anonymous): no credential → the public accountability; an access token →
 * verified by passport-jwt with the project's secret; anything else → a static token lookup.
 * Expired → 401 TOKEN_EXPIRED, bad signature/claims → 403 INVALID_TOKEN, unknown → 401 INVALID_CREDENTIALS.
 */
@Injectable()
export class AccountabilityGuard extends AuthGuard(PROJECT_JWT_STRATEGY) {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
    private readonly staticTokens: StaticTokenIdentities,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if ((request.params as Record<string, string> | undefined)?.project === undefined) return true;
    if (this.reflector.getAllAndOverride<boolean>(SKIP_AUTH, [context.getHandler(), context.getClass()]))
      return true;
    if (!request.tenant) throw new Error('AccountabilityGuard ran before the tenant was resolved');

    const credential = extractToken(request, this.config.auth.sessionCookieName);
    if (!credential) {
      request.accountability = publicAccountability(request);
      return true;
    }
    if (credential.source !== 'cookie' && constantTimeEqual(credential.token, this.config.superAdminToken)) {
      // The platform's token: server details, but nothing inside the project's data.
      request.superAdmin = true;
      request.accountability = { ...publicAccountability(request), superAdmin: true };
      return true;
    }
    if (claimsToBeAccessToken(credential.token)) {
      request.atriumCredential = credential.token;
      await super.canActivate(context);
      return true;
    }
    if (credential.source === 'cookie') throw invalidCredentials();
    request.accountability = await this.staticTokens.resolve(request.tenant, credential.token, request);
    return true;
  }

  override getAuthenticateOptions() {
    return { session: false, property: 'accountability' };
  }

  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error) throw error instanceof AtriumException ? error : invalidToken();
    if (user) return user;
    if ((info as { name?: string } | undefined)?.name === 'TokenExpiredError') throw tokenExpired();
    throw invalidToken();
  }
}
