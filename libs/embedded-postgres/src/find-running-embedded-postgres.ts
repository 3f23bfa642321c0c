import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { dataLayout, isProcessAlive } from './data-directory';
import { readInstanceState } from './instance-state';

/** What PostgreSQL's `postmaster.pid` lock file says: line 1 is the server's pid, line 4 its port. */
export interface PostmasterLock {
  pid: number;
  port: number | null;
}

export function parsePostmasterPid(text: string): PostmasterLock | null {
  const lines = text.split('\n');
  const pid = Number(lines[0]?.trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const port = Number(lines[3]?.trim());
  return { pid, port: Number.isInteger(port) && port > 0 && port < 65536 ? port : null };
}

export interface RunningEmbeddedPostgres {
  /** The server's `postgres` database, as `startEmbeddedPostgres` returns it; carries the password. */
  url: string;
  port: number;
  /** The process that started the server and will stop it. */
  ownerPid: number;
}

/**
 * The embedded PostgreSQL another live process runs on `dataDir`, if any. Starting a second server there
 * is refused and stopping theirs would take that process down, so a short-lived tool (the CLI) connects to
 * it as to an external server. `null` when nothing runs there, or when what runs is a leftover whose starter
 * died (`startEmbeddedPostgres` deals with that).
 */
export async function findRunningEmbeddedPostgres(
  dataDir: string,
  self: number = process.pid,
): Promise<RunningEmbeddedPostgres | null> {
  const layout = dataLayout(dataDir);
  const lockText = await readFile(path.join(layout.clusterDir, 'postmaster.pid'), 'utf8').catch(() => null);
  const lock = lockText === null ? null : parsePostmasterPid(lockText);
  if (!lock || !isProcessAlive(lock.pid)) return null;
  const state = await readInstanceState(layout.stateFile).catch(() => undefined);
  const owner = state?.ownerPid;
  if (!state || !owner || owner === self || !isProcessAlive(owner)) return null;
  // The lock file holds the port the server actually bound; state.json's is the one it meant to reuse.
  const port = lock.port ?? state.port ?? null;
  if (port === null) return null;
  const url = new URL(`postgres://127.0.0.1:${port}/postgres`);
  url.username = encodeURIComponent(state.user);
  url.password = encodeURIComponent(state.password);
  return { url: url.toString(), port, ownerPid: owner };
}
