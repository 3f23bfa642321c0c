/**
 * Where the integration tests find their servers. `scripts/run-tests.js` sets these after checking what
 * answers on this machine (the configured servers, 127.0.0.1:5432/6379, or the embedded PostgreSQL).
 */
export const TEST_DATABASE_URL =
  process.env.ATRIUM_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL: string | null =
  process.env.ATRIUM_TEST_REDIS_URL === undefined
    ? 'redis://127.0.0.1:6379'
    : process.env.ATRIUM_TEST_REDIS_URL || null;

/** Why a Redis-only test is skipped, or `false` when Redis is there. */
export const SKIP_WITHOUT_REDIS: string | false = TEST_REDIS_URL
  ? false
  : 'needs a Redis server: none answered on this machine (set REDIS_URL or start redis-server)';
