import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { APP_CONFIG, AppConfig, AtriumException, invalidCredentials } from '@atrium/core';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { publicAccountability } from '../accountability';
import { hashToken } from '../token-hash';
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
  /** Hashed once: each request then hashes only its own credential, for this check and the static lookup. */
  private readonly superAdminTokenHash: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
    private readonly staticTokens: StaticTokenIdentities,
  ) {
    super();
    this.superAdminTokenHash = Buffer.from(hashToken(config.superAdminToken), 'hex');
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
    // Hashed once, for the super-admin check (equal-length hashes compared in constant time, as
    // constantTimeEqual does) and the static-token lookup. A cookie is neither.
    const tokenHash = credential.source === 'cookie' ? null : hashToken(credential.token);
    if (tokenHash !== null && timingSafeEqual(Buffer.from(tokenHash, 'hex'), this.superAdminTokenHash)) {
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
    if (tokenHash === null) throw invalidCredentials();
    request.accountability = await this.staticTokens.resolveHashed(request.tenant, tokenHash, request);
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
