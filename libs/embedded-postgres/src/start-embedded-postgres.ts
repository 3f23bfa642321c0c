import { EmbeddedPostgresError, describeError } from './embedded-postgres.error';
import type {
  EmbeddedPostgres,
  EmbeddedPostgresLogger,
  EmbeddedPostgresOptions,
} from './embedded-postgres.types';
import { SILENT_LOGGER } from './embedded-postgres.types';
import {
  DataLayout,
  dataLayout,
  inspectCluster,
  prepareDataDirectory,
  removeAbandonedInitDirs,
} from './data-directory';
import { placeServerFiles } from './file-placement';
import { LOOPBACK, findFreePort, isPortFree } from './free-port';
import { initialiseCluster } from './initialise-cluster';
import {
  InstanceState,
  SUPERUSER,
  generatePassword,
  isPort,
  readInstanceState,
  writeInstanceState,
} from './instance-state';
import { clearLeftoverServer } from './leftover-server';
import { PostgresBinaries, locatePostgresBinaries, readServerVersion } from './postgres-binaries';
import { PortTakenError, PostgresServer } from './postgres-server';
import { resetSuperuserPassword } from './reset-password';
import { ServerUser, assertExecutable, assertReachable, resolveServerUser } from './server-user';

/** A port picked by us may be grabbed by someone else before postgres binds it; try a few. */
const PORT_ATTEMPTS = 3;

/**
 * Starts (initialising on first use) a PostgreSQL server from the embedded-postgres package's binaries,
 * listening on 127.0.0.1 only, with its data under `options.dataDir` (or, for a relocatable one the server
 * user cannot reach, under /var/lib/atrium: see file-placement.ts). Every failure rejects with an
 * EmbeddedPostgresError whose message is one line, and leaves no server running.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const logger = options.logger ?? SILENT_LOGGER;
  if (options.port !== undefined && !isPort(options.port)) {
    throw new EmbeddedPostgresError(
      `the embedded database port ${options.port} is not a port number (1-65535).`,
    );
  }
  const startedAt = Date.now();
  try {
    const packaged = await locatePostgresBinaries();
    const version = await readServerVersion(packaged);
    const user = await resolveServerUser();
    const files = await placeServerFiles({
      dataDir: options.dataDir,
      relocatable: options.relocatable ?? false,
      binaries: packaged,
      user,
      logger,
    });
    const { binaries } = files;
    if (user.switched) await assertBinariesUsable(binaries, user);

    const layout = dataLayout(files.dataDir);
    await prepareDataDirectory(layout, user);
    await removeAbandonedInitDirs(layout);
    const state = await prepareCluster(layout, binaries, user, version.major, logger);

    const server = await startOnFreePort(layout, binaries, user, state, options.port, logger);
    try {
      await writeInstanceState(layout.stateFile, { ...state, port: server.port, ownerPid: process.pid });
    } catch (error) {
      await server.instance.stop();
      throw new EmbeddedPostgresError(
        `could not save ${layout.stateFile} (${describeError(error)}); check the data directory's permissions ` +
          `and free space.`,
        { cause: error },
      );
    }
    logger.info(
      `embedded PostgreSQL ${version.full} ready on ${LOOPBACK}:${server.port} in ${Date.now() - startedAt} ms ` +
        `(data: ${layout.dataDir})`,
    );
    return {
      url: `postgres://${SUPERUSER}:${encodeURIComponent(state.password)}@${LOOPBACK}:${server.port}/postgres`,
      port: server.port,
      dataDir: layout.dataDir,
      relocation: files.relocation,
      stop: () => server.instance.stop(),
    };
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(`the embedded PostgreSQL could not start: ${describeError(error)}`, {
      cause: error,
    });
  }
}

async function assertBinariesUsable(binaries: PostgresBinaries, user: ServerUser): Promise<void> {
  await assertReachable(binaries.nativeDir, user, `the PostgreSQL binaries (${binaries.nativeDir})`);
  await assertExecutable(binaries.postgres, user);
  await assertExecutable(binaries.initdb, user);
}

/** Makes sure a usable cluster exists and returns the credentials that open it. */
async function prepareCluster(
  layout: DataLayout,
  binaries: PostgresBinaries,
  user: ServerUser,
  serverMajor: number,
  logger: EmbeddedPostgresLogger,
): Promise<InstanceState> {
  const found = await inspectCluster(layout, serverMajor, user);
  const saved = await readInstanceState(layout.stateFile);
  if (found !== 'existing') {
    const startedAt = Date.now();
    logger.info(`creating a PostgreSQL ${serverMajor} cluster in ${layout.clusterDir}`);
    const password = generatePassword();
    await initialiseCluster({ layout, binaries, user, password, inPlace: found === 'empty', logger });
    // Saved before the first start, so a crash from here on does not cost a password reset.
    const state: InstanceState = { user: SUPERUSER, password, port: saved?.port };
    await writeInstanceState(layout.stateFile, state);
    logger.info(`cluster created in ${Date.now() - startedAt} ms`);
    return state;
  }
  await clearLeftoverServer(layout, saved, logger);
  if (saved?.user === SUPERUSER) return saved;

  logger.warn(
    `${layout.stateFile} is missing or unreadable: setting a new password for the embedded cluster`,
  );
  const password = generatePassword();
  await resetSuperuserPassword({ layout, binaries, user, password });
  const state: InstanceState = { user: SUPERUSER, password, port: saved?.port };
  await writeInstanceState(layout.stateFile, state);
  return state;
}

async function startOnFreePort(
  layout: DataLayout,
  binaries: PostgresBinaries,
  user: ServerUser,
  state: InstanceState,
  requested: number | undefined,
  logger: EmbeddedPostgresLogger,
): Promise<{ instance: PostgresServer; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await choosePort(requested, attempt === 1 ? state.port : undefined, logger);
    try {
      const instance = await PostgresServer.start({
        layout,
        binaries,
        user,
        port,
        superuser: state.user,
        password: state.password,
        logger,
      });
      return { instance, port };
    } catch (error) {
      if (!(error instanceof PortTakenError) || requested !== undefined || attempt >= PORT_ATTEMPTS)
        throw error;
      logger.warn(`port ${port} was taken while PostgreSQL started; trying another`);
    }
  }
}

async function choosePort(
  requested: number | undefined,
  previous: number | undefined,
  logger: EmbeddedPostgresLogger,
): Promise<number> {
  if (requested !== undefined) {
    if (await isPortFree(requested)) return requested;
    throw new EmbeddedPostgresError(
      `port ${requested} on ${LOOPBACK} is already in use; stop whatever listens there, or leave the embedded ` +
        `database's port unset to use a free one.`,
    );
  }
  if (previous !== undefined && (await isPortFree(previous))) return previous;
  const port = await findFreePort();
  if (previous !== undefined) logger.warn(`port ${previous} of the previous run is taken; using ${port}`);
  return port;
}
