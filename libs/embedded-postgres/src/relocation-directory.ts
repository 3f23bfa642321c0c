import { createHash } from 'node:crypto';
import { chmod, chown, lstat, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedPostgresError, describeError, errorCode } from './embedded-postgres.error';
import { ServerUser, assertReachable } from './server-user';

/**
 * Where the server's files go when the server user cannot reach them where they are: a system location
 * every user can pass through, with one private directory per instance under it.
 */
export const RELOCATION_BASE = '/var/lib/atrium';

/** 12 hex digits of sha256: short enough to read in a banner, and collisions need ~16M instances. */
export function relocationKey(realPath: string): string {
  return createHash('sha256').update(realPath).digest('hex').slice(0, 12);
}

/**
 * The real path of `target` even when its tail does not exist yet (`./data/postgres` before the first
 * start): the nearest existing ancestor is resolved and the missing names appended, so the same checkout
 * reached through a symlink or a relative path gives the same key.
 */
export async function realPathAllowingMissing(target: string): Promise<string> {
  const missing: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    try {
      return path.join(await realpath(dir), ...missing);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT' || path.dirname(dir) === dir) throw error;
      missing.unshift(path.basename(dir));
    }
  }
}

/**
 * The private directory that stands in for `dataDir` (and the binaries next to it). Keyed by the data
 * directory rather than by the checkout alone, so two DATA_DIRs of one checkout never share a cluster; the
 * CLI computes the same path to find a running server.
 */
export async function relocationDirectory(dataDir: string, base: string = RELOCATION_BASE): Promise<string> {
  return path.join(base, relocationKey(await realPathAllowingMissing(dataDir)));
}

/**
 * Creates `dir` (and the base above it, 0755) as a directory of the server user with mode 0700, or brings
 * an existing one back to that. Re-applied at every start: it is cheap, and a copied-back backup or a
 * stray chmod would otherwise make initdb or postgres fail with less helpful messages.
 */
export async function ensurePrivateDirectory(dir: string, user: ServerUser): Promise<void> {
  try {
    const base = path.dirname(dir);
    const firstCreated = await mkdir(base, { recursive: true, mode: 0o755 });
    // A umask of 077 would lock the server user out of the base we just made.
    if (firstCreated) {
      for (let created = base; ; created = path.dirname(created)) {
        await chmod(created, 0o755);
        if (created === firstCreated || path.dirname(created) === created) break;
      }
    }
    await mkdir(dir, { mode: 0o700 }).catch((error: unknown) => {
      if (errorCode(error) !== 'EEXIST') throw error;
    });
    const info = await lstat(dir);
    if (!info.isDirectory()) throw new Error(`${dir} exists and is not a directory`);
    await chmod(dir, 0o700);
    if (user.switched) await chown(dir, user.uid, user.gid);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `cannot prepare ${dir} for the '${user.name}' user PostgreSQL runs as (${describeError(error)}); ` +
        `make the checkout reachable by that user, or choose a data directory it can reach.`,
      { cause: error },
    );
  }
  await assertReachable(dir, user, `${dir}`);
}
