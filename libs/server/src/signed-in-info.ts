import type { AppConfig } from '@atrium/core';
import { platformVersion } from '@atrium/core';
import type { RateLimit } from '@atrium/tenancy';

/**
 * What Directus's server info adds for any signed-in user of a project (api/src/services/server.ts): the
 * request limits a client should respect and the version: `rateLimit` is the project's own limit (false when
 * it has none). Atrium has no global request rate limiter, no websockets and no extensions, so those read as
 * Directus reports them when they are off. Host facts are not part of it: they are the platform's, for the
 * super-admin only.
 */
export function signedInInfo(config: AppConfig, rateLimit: RateLimit | null = null) {
  return {
    rateLimit: rateLimit ? { points: rateLimit.points, duration: rateLimit.duration } : false,
    rateLimitGlobal: false,
    extensions: { limit: null },
    queryLimit: {
      default: config.queryLimit.default,
      max: Number.isFinite(config.queryLimit.max) ? config.queryLimit.max : -1,
    },
    websocket: false,
    version: platformVersion(),
  };
}
