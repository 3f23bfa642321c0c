import { ConfigError } from '@atrium/core';

export const DEFAULT_WORKER_HEALTH_PORT = 8056;

/** `WORKER_HEALTH_PORT` (default 8056): the port of the worker's health-only HTTP listener. */
export function workerHealthPort(env: NodeJS.ProcessEnv): number {
  const raw = env.WORKER_HEALTH_PORT;
  if (raw === undefined || raw === '') return DEFAULT_WORKER_HEALTH_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new ConfigError([`WORKER_HEALTH_PORT must be a port number between 1 and 65535 (got "${raw}")`]);
  }
  return port;
}
