import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { DataLayout, initWorkDir } from './data-directory';
import { EmbeddedPostgresError, describeError, errorCode } from './embedded-postgres.error';
import type { EmbeddedPostgresLogger } from './embedded-postgres.types';
import { SUPERUSER } from './instance-state';
import type { PostgresBinaries } from './postgres-binaries';
import { lastMeaningfulLine, runToCompletion } from './run-process';
import { ServerUser, spawnIdentity } from './server-user';

const execFileAsync = promisify(execFile);

const INITDB_TIMEOUT_MS = 120_000;

/**
 * Settings written to postgresql.conf once, at creation: a developer may change them later (ALTER SYSTEM).
 * Those that keep the server private (listen address, sockets) are instead forced at every start.
 */
const INITIAL_SETTINGS = [
  'max_connections=200', // one pool per project plus the platform's own; 100 runs out with a few projects
  'timezone=UTC', // the same answers for timestamp functions on every developer's machine
  'synchronous_commit=off', // faster commits; a crash loses at most the last few ms, never corrupts
];

/**
 * Creates a cluster in `layout.clusterDir` whose superuser `postgres` has `password`.
 * initdb runs in a work directory renamed into place on success, so a killed initdb never leaves a half
 * cluster that the next start would mistake for a real one. `inPlace` is for a pre-existing empty directory
 * (maybe a mount point, which cannot be renamed over).
 */
export async function initialiseCluster(args: {
  layout: DataLayout;
  binaries: PostgresBinaries;
  user: ServerUser;
  password: string;
  inPlace: boolean;
  logger: EmbeddedPostgresLogger;
}): Promise<void> {
  const { layout, binaries, user, password, inPlace, logger } = args;
  const target = inPlace ? layout.clusterDir : initWorkDir(layout);
  const passwordFile = path.join(layout.dataDir, `.initdb-password-${process.pid}`);
  try {
    if (!inPlace) await mkdir(target, { mode: 0o700 });
    await chmod(target, 0o700);
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (user.switched) {
      await chown(target, user.uid, user.gid);
      await chown(passwordFile, user.uid, user.gid);
    }
    const result = await runToCompletion(
      binaries.initdb,
      initdbArguments(target, passwordFile, await libcLocale()),
      {
        cwd: layout.dataDir,
        ...spawnIdentity(user),
        timeoutMs: INITDB_TIMEOUT_MS,
      },
    );
    for (const line of result.stderr.split('\n').filter((l) => /warning:/i.test(l)))
      logger.warn(`initdb: ${line}`);
    if (result.code !== 0) {
      const why = result.timedOut
        ? `did not finish within ${INITDB_TIMEOUT_MS / 1000}s`
        : `failed (${result.signal ?? `exit ${result.code}`}): ${lastMeaningfulLine(result.stderr)}`;
      throw new EmbeddedPostgresError(
        `initdb ${why}; check that ${layout.dataDir} is on a local, writable file system with free space.`,
      );
    }
    if (!inPlace) {
      await rename(target, layout.clusterDir).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOTEMPTY' && errorCode(error) !== 'EEXIST') throw error;
        throw new EmbeddedPostgresError(
          `another process created a cluster in ${layout.clusterDir} at the same time; start again, and let ` +
            `only one Atrium process use a data directory.`,
        );
      });
    }
  } catch (error) {
    if (!inPlace) await rm(target, { recursive: true, force: true });
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(
      `could not initialise a PostgreSQL cluster in ${layout.clusterDir} (${describeError(error)}); check ` +
        `that the data directory is writable.`,
      { cause: error },
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
}

function initdbArguments(pgdata: string, passwordFile: string, locale: string): string[] {
  return [
    `--pgdata=${pgdata}`,
    `--username=${SUPERUSER}`,
    `--pwfile=${passwordFile}`,
    // Passwords even on loopback: "trust" would make every local user and process a superuser, and a
    // superuser can run programs as the server's OS user (COPY … TO PROGRAM). The password costs nothing.
    '--auth-host=scram-sha-256',
    '--auth-local=scram-sha-256',
    '--encoding=UTF8',
    // The builtin C.UTF-8 provider (PostgreSQL 17+) sorts by code point and cases all of Unicode without
    // depending on the OS's locales — the same results as the C.UTF-8 clusters CI uses.
    '--locale-provider=builtin',
    '--builtin-locale=C.UTF-8',
    `--locale=${locale}`,
    '--lc-messages=C',
    '--no-instructions',
    ...INITIAL_SETTINGS.flatMap((setting) => ['-c', setting]),
  ];
}

/** C.UTF-8 for the libc side (full-text search's character classes) when the OS has it, else plain C. */
async function libcLocale(): Promise<string> {
  try {
    const { stdout } = await execFileAsync('locale', ['-a']);
    const available = new Set(stdout.split('\n').map((name) => name.trim().toLowerCase()));
    return available.has('c.utf8') || available.has('c.utf-8') ? 'C.UTF-8' : 'C';
  } catch {
    return 'C';
  }
}
