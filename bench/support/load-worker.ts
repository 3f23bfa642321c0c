// The load generator, run as its own process (bench/support/load.ts forks it) so the servers being measured
// never share an event loop, or a core's time slices, with the code that drives them.
import * as http from 'node:http';
import type { LoadJob, LoadResult } from './load';

function run(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const get = () =>
    new Promise<number>((resolve, reject) => {
      const request = http.get(
        { host: '127.0.0.1', port: job.port, path: job.path, agent, headers: job.headers },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
    });

  // One clock for every loop: answers that finish during the warm-up (pools opening, JIT) are not counted.
  const started = performance.now();
  const windowStart = started + job.warmupMs;
  const windowEnd = windowStart + job.durationMs;
  let count = 0;
  let failures = 0;
  let total = 0;
  const loop = async () => {
    while (performance.now() < windowEnd) {
      const status = await get();
      total++;
      const now = performance.now();
      if (now < windowStart || now > windowEnd) continue;
      if (status === 200) count++;
      else failures++;
    }
  };
  return Promise.all(Array.from({ length: job.concurrency }, loop)).then(() => {
    agent.destroy();
    return { rps: Math.round(count / (job.durationMs / 1000)), failures, total };
  });
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: Error) => {
      process.stderr.write(`load generator failed: ${error.message}\n`);
      process.exit(1);
    },
  );
});
