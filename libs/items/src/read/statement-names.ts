import { createHash } from 'node:crypto';

/**
 * At most this many statement texts get a name, per process. PostgreSQL keeps every named statement a
 * connection prepared (with its plan) until the connection closes, so the number must stay bounded
 * whatever queries clients send; the common shapes of an API are far fewer and are seen first.
 */
const MAX_NAMED_STATEMENTS = 200;

/**
 * Names for compiled reads, so each pooled connection parses and plans a statement once and then only
 * binds and executes it (pg prepares a named statement on a connection the first time it runs there).
 * The name is a hash of the text: the same text gets the same name on every connection and instance.
 * Beyond the cap, texts stay unnamed (parsed and planned on every run, as before).
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly max = MAX_NAMED_STATEMENTS) {}

  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.max) return known;
    const name = `atrium_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    this.names.set(text, name);
    return name;
  }
}

/** The names of the items reads (one set per process). */
export const READ_STATEMENT_NAMES = new StatementNames();
