import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { RequestContext } from '@atrium/permissions';
import type { FastifyRequest } from 'fastify';

/** The request's context (project, caller, schema snapshot, permissions), as the request pipeline built it. */
export const CurrentContext = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestContext => {
    const built = context.switchToHttp().getRequest<FastifyRequest>().requestContext;
    if (!built) throw new Error('CurrentContext used on a route without a :project parameter');
    return built;
  },
);
