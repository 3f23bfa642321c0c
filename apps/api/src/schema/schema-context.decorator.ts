import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { publicAccountability } from '@atrium/auth';
import type { SchemaContext } from '@atrium/schema';
import type { FastifyRequest } from 'fastify';

/** The request's project and accountability, as the schema services take them. */
export const CurrentSchemaContext = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SchemaContext => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.tenant) throw new Error('CurrentSchemaContext used on a route without a :project parameter');
    return {
      tenant: request.tenant,
      accountability: request.accountability ?? publicAccountability(request),
    };
  },
);
