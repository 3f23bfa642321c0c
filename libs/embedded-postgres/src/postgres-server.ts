import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { Client } from 'pg';
import type { DataLayout } from './data-directory';
import { EmbeddedPostgresError, errorCode } from './embedded-postgres.error';
import type { EmbeddedPostgresLogger } from './embedded-postgres.types';
import { LOOPBACK } from './free-port';
import { signalAndWait } from './leftover-server';
import type { PostgresBinaries } from './postgres-binaries';
import { PostgresLogForwarder } from './postgres-log';
import { postgresEnvironment } from './run-process';
import { ServerUser, spawnIdentity } from './server-user';

const READY_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 25;
const ANNOUNCE_WAIT_MS = 5_000;
const READY_MESSAGE = 'database system is ready to accept connections';
const NEVER = new Promise<void>(() => undefined);
/** After SIGINT (fast shutdown) this long, then SIGQUIT (immediate), then SIGKILL. */
const FAST_SHUTDOWN_MS = 30_000;
const IMMEDIATE_SHUTDOWN_MS = 10_000;

/**
 * postgres runs under a tiny shell that holds our end of a pipe on fd 3: when that pipe closes — stop(), or
 * this process dying in any way, SIGKILL included — the watcher sends postgres SIGINT (fast shutdown). So a
 * crashed app or test run never leaves a server behind. The wrapper lives in its own session (`detached`),
 * so a Ctrl-C in the terminal reaches only the app, which stops the database when its own shutdown is done.
 * It prints postgres' pid first, and exits with postgres' status.
 */
const WRAPPER = [
  '"$0" "$@" </dev/null &',
  'pid=$!',
  'echo "$pid"',
  'exec 3<&0',
  '(read -r _ <&3; kill -INT "$pid" 2>/dev/null) &',
  'watcher=$!',
  'exec 3<&- 0</dev/null',
  'wait "$pid"',
  'status=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join('\n');

/** Forced at every start (over postgresql.conf): they keep the server private and its log parseable. */
function serverSettings(port: number): string[] {
  const settings = [
    `listen_addresses=${LOOPBACK}`,
    'unix_socket_directories=', // no socket file in /tmp to clash with a system PostgreSQL's
    'logging_collector=off',
    'log_destination=stderr',
    'log_line_prefix=', // the app's logger adds the time; each line then starts with its severity
    'lc_messages=C',
    'log_checkpoints=off',
    'log_min_error_statement=panic', // statements can carry passwords and personal data: keep them out of logs
  ];
  return ['-p', String(port), ...settings.flatMap((setting) => ['-c', setting])];
}

export interface StartServerArgs {
  layout: DataLayout;
  binaries: PostgresBinaries;
  user: ServerUser;
  port: number;
  superuser: string;
  password: string;
  logger: EmbeddedPostgresLogger;
}

/** Raised internally when the port was taken between our probe and postgres' bind, so the caller can retry. */
export class PortTakenError extends EmbeddedPostgresError {}

export class PostgresServer {
  private serverPid: number | undefined;
  private exited = false;
  private readonly exit: Promise<void>;
  private stopping: Promise<void> | undefined;
  private ready = false;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly log: PostgresLogForwarder,
    logger: EmbeddedPostgresLogger,
  ) {
    this.exit = new Promise((resolve) => {
      const done = (): void => {
        if (this.exited) return;
        this.exited = true;
        log.flush();
        if (this.ready && !this.stopping) {
          logger.warn(
            `embedded PostgreSQL exited unexpectedly (${child.signalCode ?? `exit code ${child.exitCode}`}); ` +
              `database connections will fail until the app restarts`,
          );
        }
        resolve();
      };
      // 'close' comes once stderr is drained, so the FATAL line is in the log when we explain a failure;
      // 'exit' plus a grace period covers a descendant that keeps the pipe open.
      child.once('close', done);
      child.once('exit', () => setTimeout(done, 500).unref());
    });
    let firstLine = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.serverPid !== undefined) return;
      firstLine += chunk.toString('utf8');
      const pid = Number.parseInt(firstLine, 10);
      if (firstLine.includes('\n') && pid > 0) this.serverPid = pid;
    });
    child.stderr.on('data', (chunk: Buffer) => log.write(chunk.toString('utf8')));
    // Nothing of ours may keep the event loop alive: a process that is otherwise done should exit, and its
    // exit closes the pipe, which stops postgres.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) {
      (stream as unknown as { unref?: () => void }).unref?.();
    }
    child.stdin.on('error', () => undefined);
  }

  /** Starts postgres and resolves once it accepts an authenticated connection; never leaves it half-started. */
  static async start(args: StartServerArgs): Promise<PostgresServer> {
    let announceReady: () => void = () => undefined;
    const announced = new Promise<void>((resolve) => (announceReady = resolve));
    const log = new PostgresLogForwarder(args.logger, (line) => {
      if (line.includes(READY_MESSAGE)) announceReady();
    });
    const child = spawn(
      '/bin/sh',
      ['-c', WRAPPER, args.binaries.postgres, '-D', args.layout.clusterDir, ...serverSettings(args.port)],
      {
        cwd: args.layout.dataDir,
        ...spawnIdentity(args.user),
        env: postgresEnvironment(),
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const spawned = new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    try {
      await spawned;
    } catch (error) {
      throw new EmbeddedPostgresError(`cannot start PostgreSQL (${String(error)}); is /bin/sh available?`, {
        cause: error,
      });
    }
    const server = new PostgresServer(child, log, args.logger);
    try {
      await server.waitUntilReady(args, announced);
      server.ready = true;
      return server;
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  /** Fast shutdown. The signal goes out synchronously, so calling this from an exit path is enough. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    if (this.exited) return;
    if (this.serverPid !== undefined) trySignal(this.serverPid, 'SIGINT');
    this.child.stdin.end(); // the wrapper's watcher sends SIGINT too, in case the pid was not read yet
    if (await this.exitWithin(FAST_SHUTDOWN_MS)) return;
    if (
      this.serverPid !== undefined &&
      (await signalAndWait(this.serverPid, 'SIGQUIT', IMMEDIATE_SHUTDOWN_MS))
    ) {
      await this.exitWithin(IMMEDIATE_SHUTDOWN_MS);
      return;
    }
    // Last resort: the whole process group (wrapper, watcher, postgres and its backends).
    if (this.child.pid !== undefined) trySignal(-this.child.pid, 'SIGKILL');
    await this.exitWithin(IMMEDIATE_SHUTDOWN_MS);
  }

  private async exitWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const result = await Promise.race([this.exit.then(() => true as const), timeout]);
    clearTimeout(timer);
    return result;
  }

  private async waitUntilReady(args: StartServerArgs, announced: Promise<void>): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    // Connecting before the server says it is ready only fills the log with "the database system is starting
    // up"; the connection test after it proves the port and the password. The delay covers a missed message.
    await this.settle(announced, ANNOUNCE_WAIT_MS);
    let lastError: unknown;
    while (Date.now() < deadline) {
      if (this.exited) throw this.startFailure(args);
      const error = await tryConnect(args);
      if (!error) return;
      lastError = error;
      if ((error as { code?: string }).code === '28P01') {
        throw new EmbeddedPostgresError(
          `the embedded PostgreSQL rejected the password stored in ${args.layout.stateFile}; delete that file ` +
            `and start again (the password is then reset).`,
        );
      }
      await this.settle(NEVER, POLL_INTERVAL_MS);
    }
    throw new EmbeddedPostgresError(
      `PostgreSQL did not accept connections on ${LOOPBACK}:${args.port} within ${READY_TIMEOUT_MS / 1000}s ` +
        `(last attempt: ${lastError instanceof Error ? lastError.message : String(lastError)}); see the postgres ` +
        `log lines above.`,
    );
  }

  /** Waits for `event`, the server's exit, or `ms`, whichever comes first. */
  private async settle(event: Promise<void>, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([event, this.exit, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  private startFailure(args: StartServerArgs): EmbeddedPostgresError {
    if (this.log.recentlySaid('Address already in use')) {
      return new PortTakenError(
        `port ${args.port} on ${LOOPBACK} is already in use; stop whatever listens there or choose another port.`,
      );
    }
    const problem = this.log.lastProblem ?? 'no FATAL message';
    return new EmbeddedPostgresError(
      `PostgreSQL stopped during start-up: ${problem}; see the postgres log lines above — if ` +
        `${args.layout.clusterDir} is damaged, restore it or move it away to start with an empty database.`,
    );
  }
}

/** One connection attempt; resolves to the error, or undefined when the server answered a query. */
async function tryConnect(args: StartServerArgs): Promise<unknown> {
  const client = new Client({
    host: LOOPBACK,
    port: args.port,
    user: args.superuser,
    password: args.password,
    database: 'postgres',
    connectionTimeoutMillis: 2_000,
  });
  client.on('error', () => undefined); // a server going away mid-attempt must not crash the process
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function trySignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if (errorCode(error) !== 'ESRCH') throw error;
  }
}
