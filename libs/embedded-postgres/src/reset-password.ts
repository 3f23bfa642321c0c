import type { DataLayout } from './data-directory';
import { EmbeddedPostgresError } from './embedded-postgres.error';
import { SUPERUSER } from './instance-state';
import type { PostgresBinaries } from './postgres-binaries';
import { lastMeaningfulLine, runToCompletion } from './run-process';
import { ServerUser, spawnIdentity } from './server-user';

/**
 * Sets the superuser's password through single-user mode (no network, no authentication). Used when the
 * cluster exists but state.json is gone or unreadable, so losing that file never locks a developer out.
 * `password` is hex (see generatePassword), so it needs no quoting.
 */
export async function resetSuperuserPassword(args: {
  layout: DataLayout;
  binaries: PostgresBinaries;
  user: ServerUser;
  password: string;
}): Promise<void> {
  const { layout, binaries, user, password } = args;
  if (!/^[0-9a-f]+$/.test(password)) throw new Error('reset-password expects a hex password');
  const result = await runToCompletion(
    binaries.postgres,
    [
      '--single',
      '-D',
      layout.clusterDir,
      '-c',
      'lc_messages=C',
      '-c',
      'log_line_prefix=',
      // The statement holds the password: never echo it into a log.
      '-c',
      'log_min_error_statement=panic',
      '-c',
      'log_checkpoints=off',
      SUPERUSER,
    ],
    {
      cwd: layout.dataDir,
      ...spawnIdentity(user),
      input: `ALTER ROLE ${SUPERUSER} WITH LOGIN PASSWORD '${password}';\n`,
      timeoutMs: 120_000,
    },
  );
  // Single-user mode exits 0 even when the statement failed: look at what it printed.
  if (result.code !== 0 || /^(ERROR|FATAL|PANIC):/m.test(result.stderr)) {
    throw new EmbeddedPostgresError(
      `could not reset the password of the embedded cluster in ${layout.clusterDir} ` +
        `(${lastMeaningfulLine(result.stderr)}); make sure no other server uses it, or move it away to start fresh.`,
    );
  }
}
