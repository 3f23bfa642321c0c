import { forbidden } from '@atrium/core';
import type { RequestContext } from '@atrium/permissions';

/** Work that costs the server (argon2 hashing) is for signed-in callers: anonymous requests get 403. */
export function requireSignedIn(context: RequestContext): void {
  const { accountability } = context;
  if (!accountability.user && !accountability.role && !accountability.admin) throw forbidden();
}
