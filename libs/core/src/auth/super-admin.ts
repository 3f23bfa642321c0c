import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AtriumException } from '../errors/atrium.exception';
import { constantTimeEqual } from './constant-time-equal';

declare module 'fastify' {
  interface FastifyRequest {
    /** True when the request carries the platform's super-admin token. */
    superAdmin?: boolean;
  }
}

/** The super-admin token as sent: `Authorization: Bearer …` or `?super_admin_token=…` (the v8 form). */
export function superAdminTokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+/i.test(header))
    return header.replace(/^Bearer\s+/i, '').trim();
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.super_admin_token;
  return typeof fromQuery === 'string' ? fromQuery : null;
}

/**
 * Decides whether a request is the super-admin's: `true` for the right token, `false` for no token,
 * and an INVALID_CREDENTIALS error for a wrong one (a bad token is never treated as anonymous).
 */
export function isSuperAdmin(request: FastifyRequest, config: AppConfig): boolean {
  if (request.superAdmin !== undefined) return request.superAdmin;
  const token = superAdminTokenOf(request);
  request.superAdmin = token !== null && constantTimeEqual(token, config.superAdminToken);
  return request.superAdmin;
}

/** Guards the platform's `/server/projects` routes: only the super-admin token passes. */
@Injectable()
export class SuperAdminGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (isSuperAdmin(request, this.config)) return true;
    if (superAdminTokenOf(request) !== null) {
      throw new AtriumException('INVALID_CREDENTIALS', 'Invalid super-admin token.');
    }
    throw new AtriumException('FORBIDDEN', "You don't have permission to access this.");
  }
}
