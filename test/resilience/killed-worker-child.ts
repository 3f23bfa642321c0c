// A worker process for killed-worker.int-spec.ts: it takes the queue's job, says so on stdout, and never ends
// it, so the test can kill the process mid-job.
import { BullMqWorkerHost, JobProcessorRegistry } from '@atrium/jobs';

const [redisUrl, prefix, queue] = process.argv.slice(2);
const registry = new JobProcessorRegistry();
registry.register({
  queue,
  process: async (_payload, job) => {
    process.stdout.write(`started ${job.id} attempt ${job.attempt}\n`);
    await new Promise(() => undefined);
  },
});
const logger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};
void new BullMqWorkerHost({
  redisUrl,
  processors: registry,
  prefix,
  lockDurationMs: 1_000,
  stalledIntervalMs: 500,
  logger,
}).start();
