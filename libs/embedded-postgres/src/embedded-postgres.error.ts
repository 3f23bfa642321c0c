/**
 * Why the embedded PostgreSQL could not start. The message is always one line — what is wrong, then what to
 * do — because it is what a developer sees when `npm start` stops on a fresh machine.
 */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(toOneLine(message), options);
  }
}

/** Collapses line breaks (and the indentation after them) so tool output can sit inside a one-line message. */
export function toOneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** `ENOENT: no such file…` style text for an unknown thrown value, for use inside a message. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.startsWith(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/** The errno code of a failed system call, if it is one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
}
