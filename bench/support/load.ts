import * as http from 'node:http';

/** Requests per second for `path` on `port`, from `concurrency` keep-alive loops for `durationMs`. */
export async function measureThroughput(
  port: number,
  path: string,
  concurrency = 16,
  durationMs = 3_000,
  headers: Record<string, string> = {},
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const get = () =>
    new Promise<number>((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port, path, agent, headers }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
    });
  // Warm-up: pools opened, code paths compiled.
  for (let i = 0; i < 200; i++) await get();
  let count = 0;
  let failures = 0;
  const deadline = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        if ((await get()) === 200) count++;
        else failures++;
      }
    }),
  );
  agent.destroy();
  return { rps: Math.round(count / (durationMs / 1000)), failures };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
