import type { FastifyRequest } from 'fastify';
import { Accountability, publicAccountability } from '../accountability';

/** A signed-in user's accountability for this request. */
export function userAccountability(
  request: Pick<FastifyRequest, 'ip' | 'headers'>,
  user: {
    id: string;
    role: string | null;
    roles: string[];
    admin: boolean;
    app: boolean;
    session?: string | null;
  },
): Accountability {
  return {
    ...publicAccountability(request),
    user: user.id,
    role: user.role,
    roles: user.roles,
    admin: user.admin,
    app: user.app,
    session: user.session ?? null,
  };
}
