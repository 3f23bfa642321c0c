import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Accountability, publicAccountability } from './accountability';

/** The request's accountability, for controllers under `/:project`. */
export const CurrentAccountability = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Accountability => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return request.accountability ?? publicAccountability(request);
  },
);
