import { ConfigError, loadConfig } from '@atrium/core';
import { createWorkerApp } from './create-worker-app';
import { workerHealthPort } from './worker-health-port';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { redisUrl } = config;
  if (!redisUrl) {
    // Without Redis there is nothing to consume: the API runs the jobs itself (DESIGN §8 embedded default).
    process.stderr.write('REDIS_URL must be set: the worker consumes BullMQ queues in Redis\n');
    process.exit(1);
  }
  const port = workerHealthPort(process.env);
  const app = await createWorkerApp({ ...config, redisUrl });
  await app.listen({ port, host: config.host });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Atrium worker could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
