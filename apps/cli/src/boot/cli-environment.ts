import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const CLI_ENVIRONMENT = Symbol('CLI_ENVIRONMENT');

/** What the CLI knows about its environment before anything is generated or started. */
export interface CliEnvironment {
  /** The process environment, `.env` included; `prepareEnvironment` later fills in more. */
  env: NodeJS.ProcessEnv;
  /** Absolute DATA_DIR (default `./data`), where `secrets.json` and the embedded database live. */
  dataDir: string;
  /**
   * Whether SUPER_ADMIN_TOKEN came from the environment or `.env`. Read before `prepareEnvironment`,
   * which copies the stored token into the environment and would make the two indistinguishable.
   */
  superAdminTokenFromEnvironment: boolean;
}

/** The CLI's log level: its output is for a person (or `--json` for a program), not a log pipeline. */
const CLI_LOG_LEVEL = 'warn';

/**
 * Reads `.env` (variables already set win, as with `process.loadEnvFile`) and notes where the token comes
 * from. The API reads the same `.env` (prepareEnvironment loads it again, which changes nothing).
 */
export function readCliEnvironment(env: NodeJS.ProcessEnv = process.env): CliEnvironment {
  if (env === process.env && existsSync('.env')) process.loadEnvFile('.env');
  env.LOG_LEVEL = CLI_LOG_LEVEL;
  return {
    env,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    superAdminTokenFromEnvironment: Boolean(env.SUPER_ADMIN_TOKEN),
  };
}
