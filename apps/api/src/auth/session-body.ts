import { invalidPayload } from '@atrium/core';
import type { AuthMode } from '@atrium/auth';
import type { SessionBody } from './auth.dto';

/**
 * Reads a refresh/logout body. As Directus: the mode defaults to `cookie` unless the body carries a
 * `refresh_token`, in which case it is `json`.
 */
export function readSessionBody(body: unknown): { mode: AuthMode; refreshToken: string | null } {
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
    throw invalidPayload('The body must be an object.');
  }
  const { refresh_token: refreshToken, mode } = (body ?? {}) as SessionBody;
  if (refreshToken !== undefined && typeof refreshToken !== 'string')
    throw invalidPayload('"refresh_token" must be a string.');
  if (mode !== undefined && !['json', 'cookie', 'session'].includes(mode)) {
    throw invalidPayload('"mode" must be json, cookie or session.');
  }
  return { mode: mode ?? (refreshToken ? 'json' : 'cookie'), refreshToken: refreshToken || null };
}
