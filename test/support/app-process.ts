import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { freePort } from './free-port';
import { watchChild } from './watched-child';

const root = path.resolve(__dirname, '..', '..');

/** An API or worker running as its own process, as `npm start` / `npm run start:worker` would run it. */
export interface AppProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>`: the API's listener, or the worker's health-only one. */
  readonly url: string;
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Sends `signal` (SIGTERM unless told) and resolves once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `apps/<app>/src/main.ts` with only `env`, on a free port, and resolves once `readyPath` answers 200;
 * rejects with what it printed when it exits first or `timeoutMs` passes. The sources are compiled on load,
 * as `test/e2e/startup.e2e-spec.ts` runs them, so no build is needed (and none can be stale). Start-up takes
 * a few seconds, several times that on a busy two-core machine: hence the generous default timeout.
 */
export async function startAppProcess(
  app: 'api' | 'worker',
  env: Record<string, string>,
  { readyPath = app === 'api' ? '/server/ping' : '/health', timeoutMs = 60_000 } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--require', '@swc-node/register', `apps/${app}/src/main.ts`], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      ...(app === 'api' ? { PORT: String(port) } : { WORKER_HEALTH_PORT: String(port) }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, exited } = watchChild(child, 'SIGKILL');
  const url = `http://127.0.0.1:${port}`;
  const started: AppProcess = {
    child,
    url,
    output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await started.stop('SIGKILL');
      throw new Error(`the ${app} process did not become ready; it printed:\n${output()}`);
    }
    const ready = await fetch(`${url}${readyPath}`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
