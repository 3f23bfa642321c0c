import { AtriumException, forbidden } from '@atrium/core';
import type { Accountability } from './accountability';

/** Admin-only routes (until the access-control issue brings fine-grained permissions). */
export function requireAdmin(accountability: Accountability | undefined): Accountability {
  if (accountability?.admin) return accountability;
  throw forbidden();
}

/** Routes about "me": a signed-in user is required (Directus answers 401 INVALID_CREDENTIALS otherwise). */
export function requireUser(accountability: Accountability | undefined): Accountability & { user: string } {
  if (accountability?.user) return accountability as Accountability & { user: string };
  throw new AtriumException('INVALID_CREDENTIALS', 'Invalid user credentials.');
}
