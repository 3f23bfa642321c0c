import { chmod, cp, lchown, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive } from './data-directory';
import { EmbeddedPostgresError, describeError, errorCode } from './embedded-postgres.error';
import type { EmbeddedPostgresLogger } from './embedded-postgres.types';
import { PostgresBinaries, binariesIn } from './postgres-binaries';
import type { ServerUser } from './server-user';

/** Written last into a copy: a copy without it (interrupted) or naming another version is made again. */
export const STAMP_FILE = '.atrium-copy.json';

/** What a copy was made from. */
export interface BinariesSource {
  packageName: string;
  /** The platform package's version; null when unreadable, which makes every start copy again. */
  version: string | null;
}

export function isCopyOf(stampText: string | null, source: BinariesSource): boolean {
  if (stampText === null || source.version === null) return false;
  try {
    const stamp = JSON.parse(stampText) as Partial<BinariesSource> | null;
    return stamp?.packageName === source.packageName && stamp?.version === source.version;
  } catch {
    return false;
  }
}

/** The pid in the name of a copy's work directory (`<target>.copy-<pid>`, `<target>.old-<pid>`), if it is one. */
export function workDirPid(name: string, targetName: string): number | null {
  const match = new RegExp(`^${targetName.replace(/\W/g, '\\$&')}\\.(?:copy|old)-(\\d+)$`).exec(name);
  return match ? Number(match[1]) : null;
}

async function readPackageVersion(nativeDir: string): Promise<string | null> {
  try {
    const { version } = JSON.parse(await readFile(path.join(nativeDir, '..', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}

/**
 * Gives the server user binaries it can execute when it cannot reach the package's own: a copy of the
 * package's `native/` directory in `target` (its lib/ symlinks and executable bits kept), owned by that
 * user, mode 0700. Copied once; copied again only when the package's version changes.
 */
export async function copyBinaries(
  source: PostgresBinaries,
  target: string,
  user: ServerUser,
  logger: EmbeddedPostgresLogger,
): Promise<PostgresBinaries> {
  const from: BinariesSource = {
    packageName: source.packageName,
    version: await readPackageVersion(source.nativeDir),
  };
  const stamp = await readFile(path.join(target, STAMP_FILE), 'utf8').catch(() => null);
  if (isCopyOf(stamp, from)) return binariesIn(target, source.packageName);

  await removeAbandonedWorkDirs(target);
  const startedAt = Date.now();
  logger.info(`copying the PostgreSQL binaries of ${source.packageName}@${from.version} to ${target}`);
  const work = `${target}.copy-${process.pid}`;
  try {
    await rm(work, { recursive: true, force: true });
    // verbatimSymlinks: otherwise the relative lib/ links would be rewritten to point back into the source.
    await cp(source.nativeDir, work, { recursive: true, verbatimSymlinks: true, errorOnExist: true });
    await writeFile(path.join(work, STAMP_FILE), `${JSON.stringify(from)}\n`, { mode: 0o644 });
    await chmod(work, 0o700);
    if (user.switched) await chownTree(work, user);
    await replaceDirectory(work, target, from);
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw new EmbeddedPostgresError(
      `could not copy the PostgreSQL binaries to ${target} (${describeError(error)}); check the free space ` +
        `and permissions of ${path.dirname(target)}.`,
      { cause: error },
    );
  }
  logger.info(`PostgreSQL binaries copied in ${Date.now() - startedAt} ms`);
  return binariesIn(target, source.packageName);
}

async function chownTree(dir: string, user: ServerUser): Promise<void> {
  await lchown(dir, user.uid, user.gid);
  for (const entry of await readdir(dir, { recursive: true })) {
    await lchown(path.join(dir, entry), user.uid, user.gid);
  }
}

/** Swaps the finished copy in. Another starter may have done the same meanwhile: its copy is as good. */
async function replaceDirectory(work: string, target: string, from: BinariesSource): Promise<void> {
  const old = `${target}.old-${process.pid}`;
  await rename(target, old).catch((error: unknown) => {
    if (errorCode(error) !== 'ENOENT') throw error;
  });
  try {
    await rename(work, target);
  } catch (error) {
    if (errorCode(error) !== 'ENOTEMPTY' && errorCode(error) !== 'EEXIST') throw error;
    const theirs = await readFile(path.join(target, STAMP_FILE), 'utf8').catch(() => null);
    if (!isCopyOf(theirs, from)) throw error;
    await rm(work, { recursive: true, force: true });
  } finally {
    await rm(old, { recursive: true, force: true });
  }
}

/** A killed start leaves a 60 MB work directory behind; the next copy clears those of dead processes. */
async function removeAbandonedWorkDirs(target: string): Promise<void> {
  const parent = path.dirname(target);
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names) {
    const pid = workDirPid(name, path.basename(target));
    if (pid === null || pid === process.pid || isProcessAlive(pid)) continue;
    await rm(path.join(parent, name), { recursive: true, force: true });
  }
}
