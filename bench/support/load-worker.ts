// The load generator, run as its own process (bench/support/load.ts forks it once and sends it every load)
// so the servers being measured never share an event loop, or a core's time slices, with the code that
// drives them.
import * as http from 'node:http';
import type { LoadJob, LoadResult } from './load';

/** Answers the path of each next request: `job.path`, or a Zipf-like pick among `job.spread.paths`. */
function pathChooser(job: LoadJob): () => string {
  if (!job.spread || job.spread.paths.length === 0) return () => job.path;
  const { paths, exponent } = job.spread;
  const cumulative: number[] = [];
  let sum = 0;
  for (let n = 1; n <= paths.length; n++) cumulative.push((sum += 1 / n ** exponent));
  return () => {
    const x = Math.random() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < x) low = middle + 1;
      else high = middle;
    }
    return paths[low];
  };
}

/** How long one answer may take before it counts as a failure. */
const REQUEST_TIMEOUT_MS = 10_000;

function run(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const nextPath = pathChooser(job);
  const body = job.body === undefined ? undefined : Buffer.from(job.body);
  const headers = body
    ? { ...job.headers, 'content-type': 'application/json', 'content-length': String(body.length) }
    : job.headers;
  // Never a hung loop: an answer that takes longer than this counts as a failure ('timeout'), and a
  // connection that fails as one with status 0, and the loop goes on.
  const get = () =>
    new Promise<number | 'timeout'>((resolve) => {
      const request = http.request(
        { host: '127.0.0.1', port: job.port, path: nextPath(), method: job.method ?? 'GET', agent, headers },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', () => resolve(0));
        },
      );
      request.setTimeout(REQUEST_TIMEOUT_MS, () => {
        resolve('timeout');
        request.destroy();
      });
      request.on('error', () => resolve(0));
      request.end(body);
    });

  // One clock for every loop: answers that finish during the warm-up (pools opening, JIT) are not counted.
  const started = performance.now();
  const windowStart = started + job.warmupMs;
  const windowEnd = windowStart + job.durationMs;
  let count = 0;
  let failures = 0;
  const failureStatuses: Record<string, number> = {};
  let total = 0;
  const loop = async () => {
    while (performance.now() < windowEnd) {
      const status = await get();
      total++;
      const now = performance.now();
      if (now < windowStart || now > windowEnd) continue;
      if (status === 200) count++;
      else {
        failures++;
        failureStatuses[status] = (failureStatuses[status] ?? 0) + 1;
      }
    }
  };
  return Promise.all(Array.from({ length: job.concurrency }, loop)).then(() => {
    agent.destroy();
    return { rps: Math.round(count / (job.durationMs / 1000)), failures, failureStatuses, total };
  });
}

// One job at a time, as many as the bench sends; the bench going away ends the process.
process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send?.(result),
    (error: Error) => {
      process.stderr.write(`load generator failed: ${error.message}\n`);
      process.exit(1);
    },
  );
});
process.once('disconnect', () => process.exit(0));
