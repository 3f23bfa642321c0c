import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DataLayout } from './data-directory';
import { isProcessAlive } from './data-directory';
import { EmbeddedPostgresError, errorCode } from './embedded-postgres.error';
import type { EmbeddedPostgresLogger } from './embedded-postgres.types';
import type { InstanceState } from './instance-state';

/**
 * Deals with a postmaster.pid left in the cluster. Our server stops when its starting process dies (see
 * postgres-server.ts), but a whole process group killed with SIGKILL can still leave one behind:
 * - its pid is dead → nothing to do, postgres replaces a stale lock file itself (we do it for a zombie);
 * - the process that started it is alive → a sibling Atrium uses this data directory: refuse;
 * - it is a postgres for this cluster whose starter is gone → stop it (fast shutdown), then start anew;
 * - the pid now belongs to an unrelated process → the lock is stale: remove it (postgres' shared-memory
 *   interlock still protects against surviving backends).
 */
export async function clearLeftoverServer(
  layout: DataLayout,
  state: InstanceState | undefined,
  logger: EmbeddedPostgresLogger,
): Promise<void> {
  const lockFile = path.join(layout.clusterDir, 'postmaster.pid');
  const pid = await readFile(lockFile, 'utf8').then(
    (text) => Number.parseInt(text.split('\n')[0] ?? '', 10),
    () => undefined,
  );
  if (!pid || !Number.isInteger(pid) || pid <= 0) return;
  if (!isRunning(pid)) {
    // A zombie still answers kill(pid, 0), so postgres would take the lock for live: remove it ourselves.
    if (isProcessAlive(pid)) await rm(lockFile, { force: true });
    return;
  }

  const owner = state?.ownerPid;
  if (owner && owner !== process.pid && isProcessAlive(owner)) {
    throw new EmbeddedPostgresError(
      `${layout.dataDir} is in use by a PostgreSQL server (pid ${pid}) that process ${owner} started; stop ` +
        `that process or give this one another data directory.`,
    );
  }

  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch((error: unknown) =>
    errorCode(error) === 'ENOENT' && process.platform === 'linux' ? '' : undefined,
  );
  if (commandLine === undefined) {
    // No /proc (macOS): we cannot tell what the process is, so leave the decision to a human.
    throw new EmbeddedPostgresError(
      `a PostgreSQL server (pid ${pid}) from an earlier run may still hold ${layout.clusterDir}; stop it ` +
        `(kill -INT ${pid}) and start again.`,
    );
  }
  if (!commandLine.split('\0').includes(layout.clusterDir)) {
    logger.warn(`removing stale ${lockFile} (pid ${pid} is no longer a PostgreSQL server)`);
    await rm(lockFile, { force: true });
    return;
  }

  logger.warn(
    `stopping the PostgreSQL server (pid ${pid}) an earlier run left behind in ${layout.clusterDir}`,
  );
  if (
    !(await signalAndWait(pid, 'SIGINT', 30_000)) &&
    !(await signalAndWait(pid, 'SIGQUIT', 10_000)) &&
    !(await signalAndWait(pid, 'SIGKILL', 5_000))
  ) {
    throw new EmbeddedPostgresError(
      `could not stop the leftover PostgreSQL server (pid ${pid}) holding ${layout.clusterDir}; stop it by hand.`,
    );
  }
}

/** Sends `signal` and waits up to `timeoutMs` for the process to disappear. */
export async function signalAndWait(
  pid: number,
  signal: NodeJS.Signals,
  timeoutMs: number,
): Promise<boolean> {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if (errorCode(error) === 'ESRCH') return true;
    throw error;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isRunning(pid);
}

/** Alive and not a zombie: a dead orphan stays a zombie when PID 1 (a container's node, say) never reaps it. */
function isRunning(pid: number): boolean {
  if (!isProcessAlive(pid)) return false;
  try {
    // The state letter follows the command name, which is in parentheses and may itself contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}
