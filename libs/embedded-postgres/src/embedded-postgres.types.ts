/** Where the embedded server's own messages and PostgreSQL's log lines go (a pino or Nest logger fits). */
export interface EmbeddedPostgresLogger {
  info(msg: string): void;
  warn(msg: string): void;
  debug?(msg: string): void;
}

export interface EmbeddedPostgresOptions {
  /** Holds the cluster (`pgdata/`) and the connection state (`state.json`); created if missing. */
  dataDir: string;
  /**
   * The data directory is a default location rather than one a user chose: when we are root and the server
   * user cannot reach it (a checkout under /root), the data moves to `/var/lib/atrium/<key>/postgres`
   * instead of failing. An explicit location stays where it is and fails with a clear message.
   */
  relocatable?: boolean;
  /** Fixed port on 127.0.0.1. Without it the port of the previous run is reused when free, else any free port. */
  port?: number;
  logger?: EmbeddedPostgresLogger;
}

/** A running embedded server, used exactly like an external one through `url`. */
export interface EmbeddedPostgres {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/postgres` — contains the password: never log it. */
  readonly url: string;
  readonly port: number;
  /** Where the cluster's files are (`options.dataDir` unless relocated). */
  readonly dataDir: string;
  /** Set when the server user could not reach the binaries or the data directory, so they were moved. */
  readonly relocation: Relocation | null;
  /** Fast shutdown (open sessions are cut). Idempotent; safe from exit paths. */
  stop(): Promise<void>;
}

/** Files of the embedded server kept under /var/lib/atrium because the server user cannot reach them. */
export interface Relocation {
  /** `/var/lib/atrium/<key>`: `binaries/` and `postgres/` in it, owned by the server user, mode 0700. */
  directory: string;
  /**
   * The directory the server user could not pass (the reason for the move); null when nothing blocks it
   * any more but the data stays where an earlier start moved it.
   */
  blockedAt: string | null;
  /** The user PostgreSQL runs as. */
  serverUser: string;
  /** Whether the binaries run from a copy in `directory/binaries`. */
  binaries: boolean;
  /** Whether the data is in `directory/postgres` instead of the data directory asked for. */
  data: boolean;
}

export const SILENT_LOGGER: EmbeddedPostgresLogger = {
  info: () => undefined,
  warn: () => undefined,
};
