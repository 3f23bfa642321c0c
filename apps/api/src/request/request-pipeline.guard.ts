import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AccountabilityGuard, publicAccountability } from '@atrium/auth';
import { RequestContexts } from '@atrium/permissions';
import { ProjectRateLimiter, TenantGuard } from '@atrium/tenancy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rateLimitHeaders, requestsExceeded } from './rate-limit-headers';

/** Routes a project's rate limit does not count: a liveness probe must not be refused for traffic. */
const UNLIMITED_ROUTES: ReadonlySet<string> = new Set(['/:project/server/ping']);

/**
 * The one global guard, so the steps of a `/:project` request run in an order written down here rather than
 * one implied by module imports: resolve the project (404/503), count the request against the project's
 * rate limit (429), authenticate the caller (401/403), then build the request context — schema snapshot,
 * policy flags and permissions, each fetched once — that every route receives. Routes outside `/:project`
 * pass through untouched.
 */
@Injectable()
export class RequestPipelineGuard implements CanActivate {
  constructor(
    private readonly tenants: TenantGuard,
    private readonly identities: AccountabilityGuard,
    private readonly contexts: RequestContexts,
    private readonly rateLimits: ProjectRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if ((request.params as Record<string, string> | undefined)?.project === undefined) return true;
    await this.tenants.canActivate(context);
    const tenant = request.tenant;
    if (!tenant) throw new Error('the tenant step resolved no project');
    await this.admit(request, context.switchToHttp().getResponse<FastifyReply>());
    await this.identities.canActivate(context);
    const built = await this.contexts.build(tenant, request.accountability ?? publicAccountability(request));
    request.accountability = built.accountability;
    request.requestContext = built;
    return true;
  }

  /** Counts the request against its project's limit before any authentication work is spent on it. */
  private async admit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (UNLIMITED_ROUTES.has(request.routeOptions.url ?? '')) return;
    const decision = await this.rateLimits.take(request.tenant!.project);
    if (!decision) return;
    if (!decision.allowed) throw requestsExceeded(decision);
    reply.headers(rateLimitHeaders(decision));
  }
}
