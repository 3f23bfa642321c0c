import { bootLogLevel, createLogger, logStyleOf } from '@atrium/core';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { DestinationStream } from 'pino';
import { ensureLocalSecrets, LocalSecrets } from './local-secrets';
import { prepareDatabase, PrepareDatabaseOptions, PreparedDatabase } from './prepare-database';

export interface PreparedEnvironment {
  secrets: LocalSecrets;
  database: PreparedDatabase;
}

export interface PrepareEnvironmentOptions extends PrepareDatabaseOptions {
  /** Where start-up log lines go (stdout by default; the CLI keeps stdout for its output). */
  logDestination?: DestinationStream;
}

/**
 * Everything an entry point (API, CLI) does before `loadConfig`: read `.env`, fill in generated secrets,
 * and start the embedded PostgreSQL when no database is configured. Mutates `env`.
 */
export async function prepareEnvironment(
  env: NodeJS.ProcessEnv,
  options: PrepareEnvironmentOptions = {},
): Promise<PreparedEnvironment> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const secrets = ensureLocalSecrets(env, dataDir);
  const logger = createLogger(bootLogLevel(env), 'atrium-boot', {
    style: logStyleOf(env),
    destination: options.logDestination,
  });
  const database = await prepareDatabase(env, dataDir, logger, options);
  return { secrets, database };
}
