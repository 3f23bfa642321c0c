import {
  Relocation,
  findRunningEmbeddedPostgres,
  resolveEmbeddedDataDir,
  startEmbeddedPostgres,
} from '@atrium/embedded-postgres';
import * as path from 'node:path';
import type { Logger as PinoLogger } from 'pino';

/** The platform's database on the embedded server. */
const PLATFORM_DATABASE = 'atrium';

export interface PreparedDatabase {
  /** Stops the embedded server this process started; a no-op otherwise. */
  stop(): Promise<void>;
  embedded: boolean;
  /** Where the embedded server this process started keeps its cluster; null otherwise. */
  embeddedDataDir: string | null;
  /** Set when that server's binaries or data live under /var/lib/atrium (the checkout is private). */
  relocation: Relocation | null;
}

export interface PrepareDatabaseOptions {
  /**
   * Connect to an embedded server another live process (the running API) already runs on the data
   * directory instead of refusing to start: for short-lived tools such as the CLI.
   */
  attachToRunning?: boolean;
}

/**
 * Where the embedded server is asked to keep its files: EMBEDDED_PG_DATA_DIR, else `<DATA_DIR>/postgres`
 * (which moves under /var/lib/atrium when PostgreSQL's user cannot reach it: see `relocatable`).
 */
export function embeddedPostgresDir(env: NodeJS.ProcessEnv, dataDir: string): string {
  return path.resolve(env.EMBEDDED_PG_DATA_DIR || path.join(dataDir, 'postgres'));
}

function platformUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${PLATFORM_DATABASE}`;
  return url.toString();
}

const EXTERNAL: PreparedDatabase = {
  embedded: false,
  embeddedDataDir: null,
  relocation: null,
  stop: async () => undefined,
};

/**
 * With no database configured (`DATABASE_URL` and `DB_HOST` unset) start the embedded PostgreSQL under the
 * data directory and point the platform at it; the rest of start-up is the same code path as production.
 */
export async function prepareDatabase(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  logger: PinoLogger,
  options: PrepareDatabaseOptions = {},
): Promise<PreparedDatabase> {
  if (env.DATABASE_URL || env.DB_HOST) return EXTERNAL;
  const directory = embeddedPostgresDir(env, dataDir);
  // Only the default location may move to /var/lib/atrium; a directory the user named stays theirs.
  const relocatable = !env.EMBEDDED_PG_DATA_DIR;
  if (options.attachToRunning) {
    const runningDir = await resolveEmbeddedDataDir({ dataDir: directory, relocatable });
    const running = await findRunningEmbeddedPostgres(runningDir);
    if (running) {
      logger.info(
        { port: running.port, ownerPid: running.ownerPid, dataDir: runningDir },
        'using the embedded PostgreSQL of a running process',
      );
      env.DATABASE_URL = platformUrl(running.url);
      return EXTERNAL;
    }
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: directory,
    relocatable,
    port: env.EMBEDDED_PG_PORT ? Number(env.EMBEDDED_PG_PORT) : undefined,
    logger: { info: (message) => logger.info(message), warn: (message) => logger.warn(message) },
  });
  env.DATABASE_URL = platformUrl(embedded.url);
  return {
    embedded: true,
    embeddedDataDir: embedded.dataDir,
    relocation: embedded.relocation,
    stop: () => embedded.stop(),
  };
}
