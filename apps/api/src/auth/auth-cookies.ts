import type { AppConfig } from '@atrium/core';
import type { CookieSerializeOptions } from '@fastify/cookie';

/**
 * Cookie attributes for a project: httpOnly, and `Path=/<project>` so that two projects on one host never
 * overwrite each other's sessions (Directus sets no path, which works only for one project per host).
 */
export function projectCookieOptions(
  config: AppConfig,
  project: string,
  maxAgeMs?: number,
): CookieSerializeOptions {
  return {
    httpOnly: true,
    path: `/${project}`,
    sameSite: config.auth.cookieSameSite,
    secure: config.auth.cookieSecure,
    ...(maxAgeMs !== undefined ? { maxAge: Math.floor(maxAgeMs / 1000) } : {}),
  };
}
