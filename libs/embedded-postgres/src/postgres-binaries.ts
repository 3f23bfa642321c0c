import { lstat, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { EmbeddedPostgresError, describeError } from './embedded-postgres.error';
import { lastMeaningfulLine, runToCompletion } from './run-process';

export interface PostgresBinaries {
  /** The package's `native/` directory (bin/, lib/, share/). */
  nativeDir: string;
  postgres: string;
  initdb: string;
  /** `@embedded-postgres/<platform>-<arch>`, for messages. */
  packageName: string;
}

export interface ServerVersion {
  major: number;
  full: string;
}

/**
 * Finds the binaries shipped by the platform package `embedded-postgres` depends on. We resolve it from
 * embedded-postgres' own location (it is that package's optional dependency, not ours) but do not import
 * embedded-postgres itself: importing it installs process-wide SIGINT/SIGTERM/SIGHUP/beforeExit hooks that
 * call process.exit(), which would cut the app's own graceful shutdown short.
 */
export async function locatePostgresBinaries(): Promise<PostgresBinaries> {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(require.resolve('embedded-postgres')).resolve(packageName);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL binaries for ${process.platform}-${process.arch} are not installed ` +
        `(${packageName} cannot be resolved: ${describeError(error).split('\n')[0]}); run "npm ci" ` +
        `on a supported platform, or configure an external database instead.`,
      { cause: error },
    );
  }
  const binaries = binariesIn(path.resolve(path.dirname(entry), '..', 'native'), packageName);
  for (const file of [binaries.postgres, binaries.initdb]) {
    await stat(file).catch((error: unknown) => {
      throw new EmbeddedPostgresError(
        `${file} is missing (${describeError(error)}); reinstall with "npm ci".`,
      );
    });
  }
  await assertSymlinksHydrated(binaries);
  return binaries;
}

/** The binaries of a `native/` directory: the package's own, or a copy of it (see binaries-copy.ts). */
export function binariesIn(nativeDir: string, packageName: string): PostgresBinaries {
  return {
    nativeDir,
    postgres: path.join(nativeDir, 'bin', 'postgres'),
    initdb: path.join(nativeDir, 'bin', 'initdb'),
    packageName,
  };
}

/**
 * npm packs the libraries' symlinks as a list that the package's install script turns back into links. When
 * install scripts were not approved, postgres later dies with a cryptic "cannot open shared object file".
 */
async function assertSymlinksHydrated(binaries: PostgresBinaries): Promise<void> {
  const listFile = path.join(binaries.nativeDir, 'pg-symlinks.json');
  const links = await readFile(listFile, 'utf8')
    .then((text) => JSON.parse(text) as Array<{ target: string }>)
    .catch(() => []);
  for (const { target } of links) {
    const linkPath = path.resolve(binaries.nativeDir, '..', target);
    const present = await lstat(linkPath).then(
      () => true,
      () => false,
    );
    if (!present) {
      throw new EmbeddedPostgresError(
        `the install script of ${binaries.packageName} has not run (${linkPath} is missing); run ` +
          `"npm install-scripts approve ${binaries.packageName}" then "npm rebuild ${binaries.packageName}".`,
      );
    }
  }
}

/** Asks the binary for its version; also proves it runs on this machine before we touch any data. */
export async function readServerVersion(binaries: PostgresBinaries): Promise<ServerVersion> {
  // --version is one of the few things postgres agrees to do as root.
  const result = await runToCompletion(binaries.postgres, ['--version'], { timeoutMs: 15_000 }).catch(
    (error: unknown) => {
      throw new EmbeddedPostgresError(
        `cannot execute ${binaries.postgres} (${describeError(error)}); reinstall with "npm ci".`,
        { cause: error },
      );
    },
  );
  const match = /\(PostgreSQL\)\s+(\d+)(\.\d+)?/.exec(result.stdout);
  if (result.code !== 0 || !match) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL binary does not run on this machine: ` +
        `${lastMeaningfulLine(result.stderr || result.stdout)}; configure an external database instead.`,
    );
  }
  return { major: Number(match[1]), full: `${match[1]}${match[2] ?? ''}` };
}
