import type { Accountability } from '@atrium/auth';
import { AppConfig, AtriumException, isSuperAdmin, superAdminTokenOf } from '@atrium/core';
import type { FastifyRequest } from 'fastify';

/**
 * Whether a platform-level request is the super-admin's. A token that is not the super-admin's is an error
 * here, never a silent downgrade to anonymous.
 */
export function platformCallerIsSuperAdmin(request: FastifyRequest, config: AppConfig): boolean {
  if (isSuperAdmin(request, config)) return true;
  if (superAdminTokenOf(request) !== null) throw new AtriumException('INVALID_CREDENTIALS', 'Invalid token.');
  return false;
}

/** Inside a project, server details (versions, checks, stats) are for its admins and the super-admin. */
export function seesServerDetails(accountability: Accountability): boolean {
  return accountability.admin || accountability.superAdmin;
}
