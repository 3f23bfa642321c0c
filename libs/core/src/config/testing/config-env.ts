import { ConfigError, loadConfig } from '../load-config';

/** The least environment that loads: a database, a secret and a super-admin token. */
export const VALID_ENV = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/atrium',
  SECRET: 's'.repeat(32),
  SUPER_ADMIN_TOKEN: 't'.repeat(32),
};

/** The start-up problems `env` (taken as it is) gives, or none. */
export function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
