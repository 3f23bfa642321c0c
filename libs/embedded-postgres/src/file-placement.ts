import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { copyBinaries } from './binaries-copy';
import { dataLayout } from './data-directory';
import type { EmbeddedPostgresLogger, Relocation } from './embedded-postgres.types';
import type { PostgresBinaries } from './postgres-binaries';
import { RELOCATION_BASE, ensurePrivateDirectory, relocationDirectory } from './relocation-directory';
import {
  BlockingDirectory,
  ServerUser,
  assertReachable,
  findBlockingDirectory,
  resolveServerUser,
} from './server-user';

/** Where the data directory ends up, and what stopped the server user from using the one asked for. */
export interface DataPlacement {
  dataDir: string;
  relocated: boolean;
  /** Null when nothing blocks the way now (an earlier start moved the data, see chooseDataDirectory). */
  blockedBy: BlockingDirectory | null;
}

/**
 * The data directory to use for `dataDir`. Only a `relocatable` one (the default location, not a user's
 * explicit choice) moves, and only when we run the server as another user:
 * - a cluster already in `dataDir` stays there, reachable or not: moving it aside silently would look like
 *   lost data, so an unreachable one keeps the clear "not reachable" error;
 * - otherwise the data goes to `<base>/<key>/postgres` when the server user cannot reach `dataDir`, and
 *   stays there once a cluster is in it, even after the checkout is opened up: switching to a fresh empty
 *   cluster on the next start would look like lost data too.
 * Reads the file system but changes nothing, so the CLI can use it to find a running server.
 */
export async function chooseDataDirectory(
  dataDir: string,
  user: ServerUser,
  relocatable: boolean,
  base: string = RELOCATION_BASE,
): Promise<DataPlacement> {
  const given: DataPlacement = { dataDir: path.resolve(dataDir), relocated: false, blockedBy: null };
  if (!user.switched || !relocatable || (await holdsCluster(dataDir))) return given;
  const relocated = path.join(await relocationDirectory(dataDir, base), 'postgres');
  const blockedBy = await findBlockingDirectory(dataDir, user);
  if (!blockedBy && !(await holdsCluster(relocated))) return given;
  return { dataDir: relocated, relocated: true, blockedBy };
}

async function holdsCluster(dataDir: string): Promise<boolean> {
  const entries = await readdir(dataLayout(dataDir).clusterDir).catch(() => [] as string[]);
  return entries.length > 0;
}

/** The data directory a server started with these options uses: what the CLI looks at to attach to it. */
export async function resolveEmbeddedDataDir(options: {
  dataDir: string;
  relocatable?: boolean;
}): Promise<string> {
  const user = await resolveServerUser();
  return (await chooseDataDirectory(options.dataDir, user, options.relocatable ?? false)).dataDir;
}

export interface ServerFiles {
  dataDir: string;
  binaries: PostgresBinaries;
  relocation: Relocation | null;
}

/**
 * Decides where the server's data and binaries are, and when the server user cannot reach them where they
 * are, prepares `/var/lib/atrium/<key>/` (`postgres/` for the data, `binaries/` for a copy of the package's
 * native directory), all owned by that user with mode 0700.
 */
export async function placeServerFiles(args: {
  dataDir: string;
  relocatable: boolean;
  binaries: PostgresBinaries;
  user: ServerUser;
  logger: EmbeddedPostgresLogger;
  base?: string;
}): Promise<ServerFiles> {
  const { binaries, user, logger } = args;
  const data = await chooseDataDirectory(args.dataDir, user, args.relocatable, args.base);
  // A data directory that stays where it is behind a closed directory fails now, before 60 MB of binaries
  // are copied for a server that will not start. (Its own problems, such as being a file, are for
  // prepareDataDirectory to explain.)
  if (user.switched && !data.relocated) {
    await assertReachable(path.dirname(data.dataDir), user, `the data directory ${data.dataDir}`);
  }
  const binariesBlockedBy = user.switched ? await findBlockingDirectory(binaries.nativeDir, user) : null;
  if (!data.relocated && !binariesBlockedBy) return { dataDir: data.dataDir, binaries, relocation: null };

  const directory = await relocationDirectory(args.dataDir, args.base);
  await ensurePrivateDirectory(directory, user);
  const placed = binariesBlockedBy
    ? await copyBinaries(binaries, path.join(directory, 'binaries'), user, logger)
    : binaries;
  if (data.relocated) await ensurePrivateDirectory(data.dataDir, user);

  const relocation: Relocation = {
    directory,
    blockedAt: (data.blockedBy ?? binariesBlockedBy)?.dir ?? null,
    serverUser: user.name,
    binaries: binariesBlockedBy !== null,
    data: data.relocated,
  };
  logger.info(
    relocation.blockedAt
      ? `the '${user.name}' user PostgreSQL runs as cannot pass ${relocation.blockedAt}, so its ` +
          `${relocatedWhat(relocation)} are kept in ${directory}`
      : `the embedded PostgreSQL's data stays in ${directory}, where a start that could not use ` +
          `${path.resolve(args.dataDir)} put it`,
  );
  return { dataDir: data.dataDir, binaries: placed, relocation };
}

/** "binaries and data", "binaries" or "data": what moved, for messages. */
export function relocatedWhat(relocation: Pick<Relocation, 'binaries' | 'data'>): string {
  return [relocation.binaries && 'binaries', relocation.data && 'data'].filter(Boolean).join(' and ');
}
