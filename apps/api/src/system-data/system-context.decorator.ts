import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { publicAccountability } from '@atrium/auth';
import type { SystemContext } from '@atrium/system-data';
import type { FastifyRequest } from 'fastify';

/** The request's project and accountability, as the system-data services take them. */
export const CurrentSystemContext = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SystemContext => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.tenant) throw new Error('CurrentSystemContext used on a route without a :project parameter');
    return {
      tenant: request.tenant,
      accountability: request.accountability ?? publicAccountability(request),
    };
  },
);
