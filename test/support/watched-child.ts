import type { ChildProcess } from 'node:child_process';

/** What a test keeps of a child process it started. */
export interface WatchedChild {
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the exit code (null when a signal ended it) once the process is gone. */
  exited: Promise<number | null>;
}

/**
 * Collects what `child` prints, and sends it `orphanSignal` should the test process end first, so no server
 * a test started outlives the run.
 */
export function watchChild(child: ChildProcess, orphanSignal: NodeJS.Signals): WatchedChild {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const orphaned = () => child.kill(orphanSignal);
  process.once('exit', orphaned);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', orphaned);
      resolve(code);
    }),
  );
  return { output: () => output, exited };
}
