import { fork } from 'node:child_process';
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
}

export interface LoadResult {
  /** 200 answers per second in the timed window. */
  rps: number;
  /** Other answers in the timed window. */
  failures: number;
  /** Every answer, warm-up included (to divide a server's CPU time by). */
  total: number;
}

/** The compiler hook the bench runs under, so forked TypeScript children load the same way. */
export function typescriptExecArgv(): string[] {
  return ['--require', '@swc-node/register'];
}

/**
 * Requests per second for `path` on `port`: `concurrency` keep-alive loops in a separate process, a warm-up,
 * then a timed window. The same call measures Atrium and its raw baseline, so both are driven identically.
 */
export function measureThroughput(
  port: number,
  urlPath: string,
  concurrency = 16,
  durationMs = 3_000,
  headers: Record<string, string> = {},
  warmupMs = 1_000,
): Promise<LoadResult> {
  const job: LoadJob = { port, path: urlPath, concurrency, warmupMs, durationMs, headers };
  const child = fork(path.join(__dirname, 'load-worker.ts'), [], {
    execArgv: typescriptExecArgv(),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<LoadResult>((resolve, reject) => {
    let result: LoadResult | null = null;
    child.once('message', (message: LoadResult) => (result = message));
    child.once('error', reject);
    child.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`the load generator exited with ${code}`)),
    );
    child.send(job);
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
