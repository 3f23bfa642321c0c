import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { invalidCredentials } from '@atrium/core';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Accountability } from '../accountability';
import { ProjectSecrets } from '../project-secrets';
import { SessionService } from '../sessions/session.service';
import { hasAccessTokenShape, TOKEN_ALGORITHM, TOKEN_ISSUER } from '../tokens/access-token';
import { invalidToken } from './auth-errors';
import { userAccountability } from './identity';

export const PROJECT_JWT_STRATEGY = 'atrium-project-jwt';

declare module 'fastify' {
  interface FastifyRequest {
    /** The access token the accountability guard chose for passport to verify. */
    atriumCredential?: string;
  }
}

/**
 * Verifies access tokens with the secret of the project the request is for (passport-jwt, HS256 pinned,
 * issuer checked), then their claims: the project claim must match, and a session-mode token dies with its
 * session row.
 */
@Injectable()
export class ProjectJwtStrategy extends PassportStrategy(Strategy, PROJECT_JWT_STRATEGY) {
  constructor(
    secrets: ProjectSecrets,
    private readonly sessions: SessionService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([
        (request: FastifyRequest) => request.atriumCredential ?? null,
      ]),
      secretOrKeyProvider: (
        request: FastifyRequest,
        _raw: string,
        done: (error: unknown, secret?: string | Buffer) => void,
      ) => {
        try {
          if (!request.tenant) throw new Error('no tenant resolved for this request');
          // A KeyObject, which jsonwebtoken takes as it is (the typings only know strings and buffers).
          done(null, secrets.jwtKey(request.tenant.project) as unknown as Buffer);
        } catch (error) {
          done(error);
        }
      },
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      passReqToCallback: true,
    });
  }

  async validate(request: FastifyRequest, payload: unknown): Promise<Accountability> {
    const tenant = request.tenant;
    if (!tenant || !hasAccessTokenShape(payload) || payload.project !== tenant.key) throw invalidToken();
    if (payload.session && !(await this.sessions.isActive(tenant, payload.session, payload.id))) {
      throw invalidCredentials();
    }
    return userAccountability(request, {
      id: payload.id,
      role: payload.role,
      roles: payload.role ? [payload.role] : [],
      admin: payload.admin_access,
      app: payload.app_access,
      session: payload.session ?? null,
    });
  }
}
