import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  uid?: number;
  gid?: number;
  /** Written to stdin, which is then closed. */
  input?: string;
  timeoutMs: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Output beyond this is dropped: we only ever quote the end of it. */
const MAX_OUTPUT = 256 * 1024;

/**
 * The environment for PostgreSQL tools: ours without `PG*` variables (a developer's PGPORT or PGDATA must not
 * steer the embedded server) and with the C locale, so messages are English and can be matched.
 */
export function postgresEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PG')) env[key] = value;
  }
  env.LC_ALL = 'C';
  return env;
}

/** Runs a short-lived tool to completion; rejects only when it cannot be started at all. */
export function runToCompletion(file: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      uid: options.uid,
      gid: options.gid,
      env: postgresEnvironment(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
    // The child may exit without reading stdin (EPIPE); that is reported through its exit status instead.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** The last line of tool output that says something, for quoting in a one-line error. */
export function lastMeaningfulLine(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !/^(STATEMENT|DETAIL|HINT|CONTEXT):/.test(line));
  const problem = [...lines].reverse().find((line) => /(FATAL|PANIC|ERROR|error):/.test(line));
  return problem ?? lines.at(-1) ?? '(no output)';
}
