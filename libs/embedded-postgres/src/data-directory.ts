import { constants } from 'node:fs';
import { access, chmod, lstat, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedPostgresError, describeError, errorCode } from './embedded-postgres.error';
import { pgVersionProblem } from './pg-version';
import { ServerUser, assertReachable } from './server-user';

/** The data directory holds the cluster and, beside it (not inside, so initdb gets an empty directory), our state. */
export interface DataLayout {
  dataDir: string;
  clusterDir: string;
  stateFile: string;
}

export function dataLayout(dataDir: string): DataLayout {
  const root = path.resolve(dataDir);
  return { dataDir: root, clusterDir: path.join(root, 'pgdata'), stateFile: path.join(root, 'state.json') };
}

/** initdb works in `pgdata.initdb-<pid>` and renames on success, so `pgdata` is never half-initialised. */
export function initWorkDir(layout: DataLayout): string {
  return `${layout.clusterDir}.initdb-${process.pid}`;
}

/** Creates the data directory if needed and checks that we and the server user can use it. */
export async function prepareDataDirectory(layout: DataLayout, user: ServerUser): Promise<void> {
  const { dataDir } = layout;
  const existing = await stat(dataDir).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new EmbeddedPostgresError(
      `the embedded database's data directory ${dataDir} is a file, not a directory; remove it or point the ` +
        `data directory elsewhere.`,
    );
  }
  let firstCreated: string | undefined;
  try {
    firstCreated = await mkdir(dataDir, { recursive: true, mode: 0o755 });
  } catch (error) {
    throw new EmbeddedPostgresError(
      `cannot create the embedded database's data directory ${dataDir} (${describeError(error)}); ` +
        `${fsHint(error)}.`,
      { cause: error },
    );
  }
  if (firstCreated && user.switched) {
    // Directories we just made are ours to open up: a umask of 077 would otherwise lock the server user out.
    for (let dir = dataDir; ; dir = path.dirname(dir)) {
      await chmod(dir, 0o755);
      if (dir === firstCreated || path.dirname(dir) === dir) break;
    }
  }
  try {
    await access(dataDir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `the embedded database's data directory ${dataDir} is not writable (${describeError(error)}); ` +
        `${fsHint(error)}.`,
      { cause: error },
    );
  }
  if (user.switched) await assertReachable(dataDir, user, `the data directory ${dataDir}`);
}

function fsHint(error: unknown): string {
  switch (errorCode(error)) {
    case 'EROFS':
      return 'it is on a read-only file system; choose a data directory on a writable one';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'part of that path is a file; choose another data directory';
    case 'ENOSPC':
      return 'the disk is full; free some space';
    default:
      return 'fix its permissions or choose a data directory you can write to';
  }
}

/** Removes work directories of initdb runs that were killed (their process is gone). */
export async function removeAbandonedInitDirs(layout: DataLayout): Promise<void> {
  const prefix = `${path.basename(layout.clusterDir)}.initdb-`;
  for (const name of await readdir(layout.dataDir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && pid !== process.pid && isProcessAlive(pid)) continue;
    await rm(path.join(layout.dataDir, name), { recursive: true, force: true });
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * `missing` (or an empty directory) → initdb; `existing` → a cluster this server can open. Anything else —
 * a file, a directory that is not a cluster, another major version, wrong owner — is an EmbeddedPostgresError.
 */
export async function inspectCluster(
  layout: DataLayout,
  serverMajor: number,
  user: ServerUser,
): Promise<'missing' | 'empty' | 'existing'> {
  const dir = layout.clusterDir;
  const info = await lstat(dir).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new EmbeddedPostgresError(`cannot read ${dir} (${describeError(error)}); fix its permissions.`);
  });
  if (!info) return 'missing';
  if (!info.isDirectory()) {
    throw new EmbeddedPostgresError(
      `${dir} should be the PostgreSQL cluster but is not a directory; move it away.`,
    );
  }
  const entries = await readdir(dir);
  if (entries.length === 0) return 'empty';

  const version = await readFile(path.join(dir, 'PG_VERSION'), 'utf8').catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') {
      throw new EmbeddedPostgresError(
        `${dir} is not a PostgreSQL data directory (it has no PG_VERSION file); move it away to let a fresh ` +
          `cluster be created there, or choose another data directory.`,
      );
    }
    throw new EmbeddedPostgresError(`cannot read ${dir}/PG_VERSION (${describeError(error)}).`);
  });
  const problem = pgVersionProblem(version, serverMajor, dir);
  if (problem) throw new EmbeddedPostgresError(problem);

  const control = await stat(path.join(dir, 'global', 'pg_control')).catch(() => undefined);
  if (!control?.isFile()) {
    throw new EmbeddedPostgresError(
      `${dir} is damaged (global/pg_control is missing); restore it from a backup, or move it away to start ` +
        `with an empty database.`,
    );
  }
  if (info.uid !== user.uid) {
    throw new EmbeddedPostgresError(
      `${dir} belongs to uid ${info.uid}, but PostgreSQL runs as '${user.name}' (uid ${user.uid}); ` +
        `run "chown -R ${user.uid}:${user.gid} ${dir}".`,
    );
  }
  return 'existing';
}
