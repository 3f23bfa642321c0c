/** Where the embedded server's own messages and PostgreSQL's log lines go (a pino or Nest logger fits). */
export interface EmbeddedPostgresLogger {
  info(msg: string): void;
  warn(msg: string): void;
}

export interface EmbeddedPostgresOptions {
  /** Holds the cluster (`pgdata/`) and the connection state (`state.json`); created if missing. */
  dataDir: string;
  /** Fixed port on 127.0.0.1. Without it the port of the previous run is reused when free, else any free port. */
  port?: number;
  logger?: EmbeddedPostgresLogger;
}

/** A running embedded server, used exactly like an external one through `url`. */
export interface EmbeddedPostgres {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/postgres` — contains the password: never log it. */
  readonly url: string;
  readonly port: number;
  /** Fast shutdown (open sessions are cut). Idempotent; safe from exit paths. */
  stop(): Promise<void>;
}

export const SILENT_LOGGER: EmbeddedPostgresLogger = {
  info: () => undefined,
  warn: () => undefined,
};
