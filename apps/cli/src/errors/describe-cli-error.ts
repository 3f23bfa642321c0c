import { AtriumException, ConfigError, isConnectionError } from '@atrium/core';
import { EmbeddedPostgresError } from '@atrium/embedded-postgres';
import { CliError } from './cli-error';

export interface CliFailure {
  /** One line for stderr, or `null` when it was already printed (commander's own usage errors). */
  message: string | null;
  exitCode: number;
}

/** commander's error type, matched by shape: the CLI never imports commander itself. */
interface CommanderErrorLike {
  code: string;
  exitCode: number;
}

function isCommanderError(error: unknown): error is CommanderErrorLike {
  if (!(error instanceof Error)) return false;
  const { code, exitCode } = error as Partial<CommanderErrorLike>;
  return typeof code === 'string' && code.startsWith('commander.') && typeof exitCode === 'number';
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** PostgreSQL errors a person can act on, by SQLSTATE. */
const DATABASE_HINTS: Record<string, string> = {
  '28P01': 'the database rejected the user name or password; check DATABASE_URL (or DB_USER/DB_PASSWORD)',
  '28000': "the database refused the connection; check DATABASE_URL and the server's pg_hba.conf",
  '3D000': 'the database does not exist',
  '53300': 'the database server has no free connections; try again, or lower --concurrency',
};

/**
 * Turns whatever a command threw into one line and an exit status — never a stack trace: the person at the
 * terminal needs what went wrong and what to do, and a stack says neither.
 */
export function describeCliError(error: unknown): CliFailure {
  if (isCommanderError(error)) {
    // commander already printed the usage error (or the help text asked for); only its status is left.
    return { message: null, exitCode: error.exitCode };
  }
  if (error instanceof CliError)
    return { message: `error: ${oneLine(error.message)}`, exitCode: error.exitCode };
  if (error instanceof ConfigError) {
    return {
      message: `error: ${oneLine(error.message)} (fix it in the environment or in .env)`,
      exitCode: 1,
    };
  }
  if (error instanceof AtriumException) {
    const reason = typeof error.extensions.reason === 'string' ? error.extensions.reason : error.message;
    return { message: `error: ${oneLine(reason)}`, exitCode: 1 };
  }
  if (error instanceof EmbeddedPostgresError) {
    return { message: `error: ${oneLine(error.message)}`, exitCode: 1 };
  }
  const message = oneLine(error instanceof Error ? error.message : String(error)) || 'unknown error';
  if (isConnectionError(error)) {
    return {
      message:
        `error: cannot reach the database (${message}); check that PostgreSQL is running and that ` +
        `DATABASE_URL (or DB_HOST) points at it`,
      exitCode: 1,
    };
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && DATABASE_HINTS[code]) {
    return { message: `error: ${DATABASE_HINTS[code]} (${message})`, exitCode: 1 };
  }
  return { message: `error: ${message}`, exitCode: 1 };
}
