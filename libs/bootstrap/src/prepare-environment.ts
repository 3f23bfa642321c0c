import { bootLogLevel, createLogger } from '@atrium/core';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ensureLocalSecrets, LocalSecrets } from './local-secrets';
import { prepareDatabase, PreparedDatabase } from './prepare-database';

export interface PreparedEnvironment {
  secrets: LocalSecrets;
  database: PreparedDatabase;
}

/**
 * Everything an entry point (API, CLI) does before `loadConfig`: read `.env`, fill in generated secrets,
 * and start the embedded PostgreSQL when no database is configured. Mutates `env`.
 */
export async function prepareEnvironment(env: NodeJS.ProcessEnv): Promise<PreparedEnvironment> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const secrets = ensureLocalSecrets(env, dataDir);
  const logger = createLogger(bootLogLevel(env), 'atrium-boot');
  const database = await prepareDatabase(env, dataDir, logger);
  return { secrets, database };
}
