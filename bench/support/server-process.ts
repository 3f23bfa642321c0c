import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { typescriptExecArgv } from './load';

/** What a server process says once it listens. */
export interface ServerReady {
  ready: true;
  port: number;
}

export interface ServerProcess<Info extends ServerReady> {
  info: Info;
  /** CPU time (user + system, µs) the process has used so far: less noisy than req/s on a shared machine. */
  cpuMicros(): Promise<number>;
  /** Resident set size (bytes) right now, read from /proc without disturbing the process; null off Linux. */
  rssBytes(): number | null;
  /** Asks the process to close (it cleans up after itself) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Forks a server script with `input`, and resolves with what it reports once it listens. Each server under
 * measurement runs in its own process, exactly like the other one, so neither shares an event loop with the
 * load generator or with its rival. `extraExecArgv` adds flags such as `--cpu-prof`.
 */
export function startServerProcess<Info extends ServerReady>(
  script: string,
  input: Serializable,
  extraExecArgv: string[] = [],
): Promise<ServerProcess<Info>> {
  const child = fork(script, [], {
    execArgv: [...typescriptExecArgv(), ...extraExecArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const cpuReplies: Array<(micros: number) => void> = [];
  const cpuMicros = () =>
    new Promise<number>((resolve) => {
      cpuReplies.push(resolve);
      child.send('cpu');
    });
  return new Promise<ServerProcess<Info>>((resolve, reject) => {
    child.on('message', (message: Info | { cpuMicros: number }) => {
      if ('cpuMicros' in message) cpuReplies.shift()?.(message.cpuMicros);
      else
        resolve({
          info: message,
          cpuMicros,
          rssBytes: () => rssOf(child.pid),
          stop: () => stop(child, exited),
        });
    });
    child.once('error', reject);
    void exited.then((code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    child.send(input);
  });
}

function rssOf(pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    return null;
  }
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode === null) child.send('stop');
  const code = await exited;
  if (code !== 0) throw new Error(`a server process exited with ${code}`);
}

/** The child's side: runs `start` with the parent's input, reports, and runs `close` when told to stop. */
export function serveUntilStopped<Input, Info extends ServerReady>(
  start: (input: Input) => Promise<{ info: Info; close: () => Promise<void> }>,
): void {
  process.once('message', (input: Input) => {
    start(input).then(
      ({ info, close }) => {
        let closing = false;
        const shutDown = () => {
          if (closing) return;
          closing = true;
          close().then(
            () => process.exit(0),
            (error: Error) => {
              process.stderr.write(`closing failed: ${error.message}\n`);
              process.exit(1);
            },
          );
        };
        process.on('message', (message) => {
          if (message === 'stop') shutDown();
          if (message === 'cpu') {
            const { user, system } = process.cpuUsage();
            process.send?.({ cpuMicros: user + system });
          }
        });
        // The bench died: clean up (databases, pools) rather than linger.
        process.once('disconnect', shutDown);
        process.send?.(info);
      },
      (error: Error) => {
        process.stderr.write(`${error.stack ?? error.message}\n`);
        process.exit(1);
      },
    );
  });
}
