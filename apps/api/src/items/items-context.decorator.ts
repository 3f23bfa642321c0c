import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { publicAccountability } from '@atrium/auth';
import type { ItemsContext } from '@atrium/items';
import type { FastifyRequest } from 'fastify';

/** The request's project and accountability, as the items services take them. */
export const CurrentItemsContext = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ItemsContext => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.tenant) throw new Error('CurrentItemsContext used on a route without a :project parameter');
    return {
      tenant: request.tenant,
      accountability: request.accountability ?? publicAccountability(request),
    };
  },
);
