import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { SchemaCache } from '@atrium/schema';
import type { FastifyRequest } from 'fastify';
import { PermissionsService } from './permissions.service';

/**
 * Runs after the accountability guard: a signed-in caller's `admin` and `app` flags and role chain come
 * from the policies in force for THIS request (their `ip_access` checked against its address), not from
 * the token's claims — a policy limited to an office network must not follow its token elsewhere, and a
 * revoked admin loses the bypass at once (Directus v11 recomputes them per request too).
 */
@Injectable()
export class PolicyFlagsGuard implements CanActivate {
  constructor(
    private readonly schema: SchemaCache,
    private readonly permissions: PermissionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const accountability = request.accountability;
    if (!request.tenant || !accountability?.user) return true;
    const overview = await this.schema.get(request.tenant);
    const { admin, app, roles } = await this.permissions.flags(
      request.tenant,
      accountability,
      overview.version,
    );
    request.accountability = { ...accountability, admin, app, roles };
    return true;
  }
}
