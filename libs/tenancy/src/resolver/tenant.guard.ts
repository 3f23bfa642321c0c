import { CanActivate, ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import { AtriumException, routeNotFound } from '@atrium/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TenantConnectionManager } from '../connections/tenant-connection.manager';
import { couldBeProjectKey } from '../provisioning/project-key';
import { ProjectRegistry } from '../registry/project-registry';
import { leaseForRequest } from './request-pool';
import { TenantContext } from './tenant-context';

/** The request's path, for a 404's message (only worked out when one is thrown). */
function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0];
}

/**
 * The 404 of a well-formed project key no project has: it says what is missing, not which route, since the
 * route would exist for a project of that name.
 */
function unknownProject(key: string): AtriumException {
  return new AtriumException('ROUTE_NOT_FOUND', `Project "${key}" doesn't exist.`);
}

/**
 * Resolves `/:project/*` to its project before anything else runs: unknown → 404 `ROUTE_NOT_FOUND` naming the
 * project; a key that cannot be one, or a project still provisioning → the same 404 naming the route;
 * suspended → 503 `SERVICE_UNAVAILABLE`. Registered globally; routes without a `project` parameter pass
 * through untouched.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    private readonly registry: ProjectRegistry,
    private readonly connections: TenantConnectionManager,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = (request.params as Record<string, string> | undefined)?.project;
    if (key === undefined) return true;
    if (!couldBeProjectKey(key)) throw routeNotFound(pathOf(request));
    const project = await this.registry.find(key);
    if (!project) throw unknownProject(key);
    if (project.status === 'provisioning') throw routeNotFound(pathOf(request));
    if (project.status === 'suspended') {
      throw new AtriumException('SERVICE_UNAVAILABLE', `Project "${key}" is suspended.`, {
        service: 'project',
      });
    }
    const response = context.switchToHttp().getResponse<FastifyReply>().raw;
    request.tenant = { key, project, pool: leaseForRequest(this.connections, project, response) };
    return true;
  }
}

/** The request's tenant, for controllers under `/:project`. */
export const CurrentTenant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): TenantContext => {
    const tenant = context.switchToHttp().getRequest<FastifyRequest>().tenant;
    if (!tenant) throw new Error('CurrentTenant used on a route without a :project parameter');
    return tenant;
  },
);
