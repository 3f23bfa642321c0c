import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AccountabilityGuard, publicAccountability } from '@atrium/auth';
import { RequestContexts } from '@atrium/permissions';
import { TenantGuard } from '@atrium/tenancy';
import type { FastifyRequest } from 'fastify';

/**
 * The one global guard, so the steps of a `/:project` request run in an order written down here rather than
 * one implied by module imports: resolve the project (404/503), authenticate the caller (401/403), then build
 * the request context — schema snapshot, policy flags and permissions, each fetched once — that every route
 * receives. Routes outside `/:project` pass through untouched.
 */
@Injectable()
export class RequestPipelineGuard implements CanActivate {
  constructor(
    private readonly tenants: TenantGuard,
    private readonly identities: AccountabilityGuard,
    private readonly contexts: RequestContexts,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if ((request.params as Record<string, string> | undefined)?.project === undefined) return true;
    await this.tenants.canActivate(context);
    await this.identities.canActivate(context);
    const tenant = request.tenant;
    if (!tenant) throw new Error('the tenant step resolved no project');
    const built = await this.contexts.build(tenant, request.accountability ?? publicAccountability(request));
    request.accountability = built.accountability;
    request.requestContext = built;
    return true;
  }
}
