import { startEmbeddedPostgres } from '@atrium/embedded-postgres';
import * as path from 'node:path';
import type { Logger as PinoLogger } from 'pino';

export interface PreparedDatabase {
  /** Stops the embedded server; a no-op for an external one. */
  stop(): Promise<void>;
  embedded: boolean;
}

/**
 * With no database configured (`DATABASE_URL` and `DB_HOST` unset) start the embedded PostgreSQL under the
 * data directory and point the platform at it; the rest of start-up is the same code path as production.
 */
export async function prepareDatabase(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  logger: PinoLogger,
): Promise<PreparedDatabase> {
  if (env.DATABASE_URL || env.DB_HOST) return { embedded: false, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(env.EMBEDDED_PG_DATA_DIR ?? path.join(dataDir, 'postgres')),
    port: env.EMBEDDED_PG_PORT ? Number(env.EMBEDDED_PG_PORT) : undefined,
    logger: { info: (message) => logger.info(message), warn: (message) => logger.warn(message) },
  });
  const url = new URL(embedded.url);
  url.pathname = '/atrium';
  env.DATABASE_URL = url.toString();
  return { embedded: true, stop: () => embedded.stop() };
}
