import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** What the load generator process is asked to do. */
export interface LoadJob {
  port: number;
  path: string;
  concurrency: number;
  /** Requests run but not counted first: pools open, code paths compile. */
  warmupMs: number;
  durationMs: number;
  headers: Record<string, string>;
  /** GET unless said; POST sends `body` (JSON) with every request. */
  method?: 'GET' | 'POST';
  body?: string;
  /**
   * Spread load: each request goes to one of these paths instead of `path`, the nth (from 1) chosen with
   * probability ∝ 1/n^exponent (Zipf-like popularity: a few busy projects, a long tail of quiet ones).
   */
  spread?: { paths: string[]; exponent: number };
}

/** How each request of a load is made, beyond its path (see LoadJob). */
export type RequestShape = Pick<LoadJob, 'method' | 'body' | 'spread'>;

export interface LoadResult {
  /** 200 answers per second in the timed window. */
  rps: number;
  /** Other answers in the timed window. */
  failures: number;
  /** Those other answers by status (0: the connection failed before one; `timeout`: none within 10 s). */
  failureStatuses: Record<string, number>;
  /** Every answer, warm-up included (to divide a server's CPU time by). */
  total: number;
}

/** The compiler hook the bench runs under, so forked TypeScript children load the same way. */
export function typescriptExecArgv(): string[] {
  return ['--require', '@swc-node/register'];
}

/** The load generator process, forked on first use and kept for every later load (one fork, not one a round). */
let worker: ChildProcess | null = null;

function loadWorker(): ChildProcess {
  if (worker && worker.exitCode === null && worker.connected) return worker;
  const child = fork(path.join(__dirname, 'load-worker.ts'), [], {
    execArgv: typescriptExecArgv(),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Idle, it does not keep the bench alive; it exits when the bench does (its channel closes).
  child.unref();
  child.channel?.unref();
  worker = child;
  return child;
}

/**
 * Requests per second for `path` on `port`: `concurrency` keep-alive loops in a separate process, a warm-up,
 * then a timed window. The same call measures Atrium and its raw baseline, so both are driven identically.
 * One load at a time: the bench runs its rounds one after the other.
 */
export function measureThroughput(
  port: number,
  urlPath: string,
  concurrency = 16,
  durationMs = 3_000,
  headers: Record<string, string> = {},
  warmupMs = 1_000,
  shape: RequestShape = {},
): Promise<LoadResult> {
  const job: LoadJob = { port, path: urlPath, concurrency, warmupMs, durationMs, headers, ...shape };
  const child = loadWorker();
  child.channel?.ref();
  return new Promise<LoadResult>((resolve, reject) => {
    const onMessage = (message: LoadResult) => settle(() => resolve(message));
    const onExit = (code: number | null) =>
      settle(() => reject(new Error(`the load generator exited with ${code}`)));
    const settle = (then: () => void) => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', reject);
      child.channel?.unref();
      then();
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
    child.once('error', reject);
    child.send(job);
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
