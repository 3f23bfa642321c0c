// Assets (issue's acceptance list) beside their baselines: a ~200 KB JPEG uploaded through
// `POST /<project>/files`, then
//   1. the original:        GET /<project>/assets/<id>          vs  node:http + fs.createReadStream of the file
//   2. a cached variant:    GET …/<id>?width=200&format=webp    vs  the same server streaming the variant file
//   3. uncached transforms: a new width on every request        vs  the bare sharp call, as CPU per image
// Atrium, the static server, the sharp baseline and the load generator each run in their own process, in
// alternating rounds so a burst of other work on the machine hits both alike; each figure is a median of
// the rounds. Below the table, the CPU time each request cost the server process and its PostgreSQL
// backends.
//
//   BENCH_ROUNDS=3            rounds per served scenario (Atrium, raw, Atrium, raw…), after one uncounted round
//   BENCH_SECONDS=2           timed window of each round (after a 0.3 s warm-up)
//   BENCH_CONCURRENCY=16      keep-alive connections of the load generator
//   BENCH_TRANSFORM_ROUNDS=5  rounds of scenario 3, each BENCH_TRANSFORM_IMAGES new widths per side
//   BENCH_TRANSFORM_IMAGES=24
//   BENCH_ONLY=text           run only the scenarios whose name contains text (e.g. while profiling)
//   BENCH_CPU_PROF=dir        write a V8 CPU profile of the Atrium process into dir (node --cpu-prof)
import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { startAtrium, type AtriumReady } from './assets/atrium-api';
import { PROJECT, VARIANT_QUERY } from './assets/fixture';
import type { RawInput } from './assets/raw-process';
import type { SharpInput, SharpJob, SharpResult } from './assets/sharp-process';
import { median, typescriptExecArgv } from './support/load';
import { cpuBetween, PostgresCpu } from './support/postgres-cpu';
import { alternate, perRequest, type RoundSettings, type Tally } from './support/rounds';
import { loadAverage, runFacts, writeReport } from './support/report';
import { startServerProcess, type ServerProcess, type ServerReady } from './support/server-process';

const SETTINGS: RoundSettings = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  durationMs: Number(process.env.BENCH_SECONDS ?? 2) * 1000,
  warmupMs: 300,
  firstRoundMs: 2_500,
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 16),
};
const TRANSFORM_ROUNDS = Number(process.env.BENCH_TRANSFORM_ROUNDS ?? 5);
const TRANSFORM_IMAGES = Number(process.env.BENCH_TRANSFORM_IMAGES ?? 24);
/** Images transformed at once, on each side: one per core of the usual 2-core bench machine. */
const TRANSFORM_CONCURRENCY = 2;
/** Scenario 3 asks for widths from here up, one each, so none is the cached variant of scenario 2. */
const FIRST_WIDTH = 201;
/** How the API names its tenant connections (TenantConnectionManager). */
const ATRIUM_APPLICATION = `atrium:${PROJECT}`;
/** The static server has no PostgreSQL connections: its snapshots are empty. */
const RAW_APPLICATION = 'bench-raw-assets';

const ORIGINAL = 'an original (~200 KB JPEG), req/s';
const VARIANT = 'a cached 200 px WebP variant, req/s';
const TRANSFORM = 'an uncached transform (new width each), CPU ms per image';

/** GETs every path once, `concurrency` at a time, on keep-alive connections; answers the bytes received. */
async function getAll(
  port: number,
  paths: string[],
  concurrency: number,
  headers: Record<string, string>,
): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const queue = [...paths];
  let bytes = 0;
  const get = (urlPath: string) =>
    new Promise<void>((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port, path: urlPath, agent, headers }, (response) => {
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`GET ${urlPath} answered ${response.statusCode}`)),
        );
      });
      request.on('error', reject);
    });
  const loop = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await get(next);
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, loop));
  } finally {
    agent.destroy();
  }
  return bytes;
}

interface SharpBaseline {
  run(job: SharpJob): Promise<SharpResult>;
  stop(): Promise<void>;
}

/** Forks bench/assets/sharp-process.ts on the stored original. */
function startSharpBaseline(input: SharpInput): Promise<SharpBaseline> {
  const child = fork(path.join(__dirname, 'assets', 'sharp-process.ts'), [], {
    execArgv: typescriptExecArgv(),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const replies: Array<(result: SharpResult) => void> = [];
  return new Promise((resolve, reject) => {
    child.on('message', (message: SharpResult | { ready: true }) => {
      if ('cpuMicros' in message) replies.shift()?.(message);
      else
        resolve({
          run: (job) =>
            new Promise<SharpResult>((done, fail) => {
              replies.push(done);
              child.send(job);
              void exited.then((code) => fail(new Error(`the sharp baseline exited with ${code}`)));
            }),
          stop: async () => {
            if (child.exitCode === null) child.send('stop');
            await exited;
          },
        });
    });
    child.once('error', reject);
    void exited.then((code) =>
      reject(new Error(`the sharp baseline exited with ${code} before it was ready`)),
    );
    child.send(input);
  });
}

/** What the counted rounds of scenario 3 added up to, per side. */
interface TransformTally {
  /** CPU µs per image of each round (Atrium: its process only). */
  perImage: number[];
  images: number;
  bytes: number;
  /** Atrium's PostgreSQL backends over all rounds; null when they cannot be read. */
  postgresMicros: number | null;
}

function newTransformTally(): TransformTally {
  return { perImage: [], images: 0, bytes: 0, postgresMicros: 0 };
}

/**
 * Scenario 3: rounds of `TRANSFORM_IMAGES` images each side, alternating. Atrium gets widths it has never
 * made (each request a cache miss, the variant made and stored); the sharp baseline gets the same widths.
 */
async function transforms(
  atrium: ServerProcess<AtriumReady>,
  sharpBaseline: SharpBaseline,
  postgres: PostgresCpu,
) {
  const headers = { authorization: `Bearer ${atrium.info.token}` };
  const atriumRound = async (widths: number[], tally: TransformTally) => {
    const paths = widths.map((width) => `/${PROJECT}/assets/${atrium.info.id}?width=${width}&format=webp`);
    const [nodeBefore, postgresBefore] = [
      await atrium.cpuMicros(),
      await postgres.snapshot(ATRIUM_APPLICATION),
    ];
    tally.bytes += await getAll(atrium.info.port, paths, TRANSFORM_CONCURRENCY, headers);
    const nodeUsed = (await atrium.cpuMicros()) - nodeBefore;
    const postgresUsed = cpuBetween(postgresBefore, await postgres.snapshot(ATRIUM_APPLICATION));
    tally.postgresMicros =
      tally.postgresMicros === null || postgresUsed === null ? null : tally.postgresMicros + postgresUsed;
    tally.perImage.push(nodeUsed / widths.length);
    tally.images += widths.length;
  };
  const sharpRound = async (widths: number[], tally: TransformTally) => {
    const result = await sharpBaseline.run({ widths, concurrency: TRANSFORM_CONCURRENCY });
    tally.perImage.push(result.cpuMicros / result.images);
    tally.images += result.images;
    tally.bytes += result.bytes;
  };
  // Every round spans the same range of widths (round r: FIRST_WIDTH + r, + r + rounds + 1, …), so rounds
  // cost alike and their median means something: a wider output costs more to make.
  let roundIndex = 0;
  const widthsOfRound = () => {
    const stride = TRANSFORM_ROUNDS + 1;
    const widths = Array.from({ length: TRANSFORM_IMAGES }, (_, i) => FIRST_WIDTH + roundIndex + i * stride);
    roundIndex++;
    return widths;
  };
  // One uncounted round each: libvips and V8 warm up, the pools open.
  const first = widthsOfRound();
  await atriumRound(first, newTransformTally());
  await sharpRound(first, newTransformTally());
  const tallies = { atrium: newTransformTally(), sharp: newTransformTally() };
  for (let i = 0; i < TRANSFORM_ROUNDS; i++) {
    const widths = widthsOfRound();
    await atriumRound(widths, tallies.atrium);
    await sharpRound(widths, tallies.sharp);
  }
  return tallies;
}

/** The variant scenario 2 reads, made by one request first; found beside the original on disk. */
async function warmVariant(atrium: ServerProcess<AtriumReady>): Promise<string> {
  const { info } = atrium;
  const headers = { authorization: `Bearer ${info.token}` };
  await getAll(info.port, [`/${PROJECT}/assets/${info.id}?${VARIANT_QUERY}`], 1, headers);
  const prefix = `${path.basename(info.original).replace(/\.[^.]*$/, '')}__`;
  const variants = readdirSync(info.folder).filter((name) => name.startsWith(prefix));
  if (variants.length !== 1) throw new Error(`expected one variant, found ${variants.join(', ') || 'none'}`);
  return path.join(info.folder, variants[0]);
}

function row(cells: Array<string | number>): void {
  console.log(`| ${cells.join(' | ')} |`);
}

async function runScenarios(
  atrium: ServerProcess<AtriumReady>,
  raw: ServerProcess<ServerReady>,
  sharpBaseline: SharpBaseline,
  postgres: PostgresCpu,
): Promise<AssetsResult[]> {
  const only = process.env.BENCH_ONLY;
  const notes: string[] = [];
  const results: AssetsResult[] = [];
  const { info } = atrium;
  const headers = { authorization: `Bearer ${info.token}` };
  const served = [
    { name: ORIGINAL, atrium: `/${PROJECT}/assets/${info.id}`, raw: '/original', target: '—' },
    {
      name: VARIANT,
      atrium: `/${PROJECT}/assets/${info.id}?${VARIANT_QUERY}`,
      raw: '/variant',
      target: '≥ 0.80',
    },
  ];
  const bound = (target: string) => (target.startsWith('≥') ? Number(target.slice(2)) : null);
  row(['scenario', 'Atrium', 'baseline', 'Atrium/baseline', "issue's target"]);
  row(['---', '---', '---', '---', '---']);
  for (const scenario of served.filter((s) => !only || s.name.includes(only))) {
    const tallies: { atrium: Tally; raw: Tally } = await alternate(
      { server: atrium, path: scenario.atrium, headers, application: ATRIUM_APPLICATION },
      { server: raw, path: scenario.raw, headers: {}, application: RAW_APPLICATION },
      postgres,
      SETTINGS,
    );
    const [a, r] = [median(tallies.atrium.rps), median(tallies.raw.rps)];
    row([scenario.name, a, r, (a / r).toFixed(2), scenario.target]);
    const lowest = bound(scenario.target);
    results.push({
      name: scenario.name,
      unit: 'req/s',
      atrium: sideOf(tallies.atrium, a),
      baseline: sideOf(tallies.raw, r),
      ratio: r > 0 ? Number((a / r).toFixed(3)) : null,
      target: lowest === null ? null : { atLeast: lowest },
      met: lowest === null || r === 0 ? null : a / r >= lowest,
    });
    notes.push(
      `  ${scenario.name.replace(/, req\/s$/, '')}: Atrium ${perRequest(tallies.atrium)}, ` +
        `raw ${perRequest(tallies.raw)} (req/s by round: Atrium ${tallies.atrium.rps.join('/')}, ` +
        `raw ${tallies.raw.rps.join('/')})`,
    );
    if (tallies.atrium.failures + tallies.raw.failures > 0)
      notes.push(`  non-200 answers: Atrium ${tallies.atrium.failures}, raw ${tallies.raw.failures}`);
  }
  if (!only || TRANSFORM.includes(only)) {
    const tallies = await transforms(atrium, sharpBaseline, postgres);
    const [a, s] = [median(tallies.atrium.perImage), median(tallies.sharp.perImage)];
    row([TRANSFORM, (a / 1000).toFixed(1), (s / 1000).toFixed(1), (a / s).toFixed(2), '≤ 1.20']);
    results.push({
      name: TRANSFORM,
      unit: 'CPU µs per image (lower is better)',
      atrium: { value: Math.round(a), byRound: tallies.atrium.perImage.map(Math.round) },
      baseline: { value: Math.round(s), byRound: tallies.sharp.perImage.map(Math.round) },
      ratio: s > 0 ? Number((a / s).toFixed(3)) : null,
      target: { atMost: 1.2 },
      met: s > 0 ? a / s <= 1.2 : null,
    });
    const ms = (values: number[]) => values.map((micros) => (micros / 1000).toFixed(1)).join('/');
    const postgresPerImage =
      tallies.atrium.postgresMicros === null
        ? ''
        : ` (+ PostgreSQL ${Math.round(tallies.atrium.postgresMicros / tallies.atrium.images)} µs)`;
    notes.push(
      `  an uncached transform: Atrium ${ms(tallies.atrium.perImage)} ms${postgresPerImage}, ` +
        `bare sharp ${ms(tallies.sharp.perImage)} ms by round, ${TRANSFORM_IMAGES} images a round, ` +
        `${TRANSFORM_CONCURRENCY} at a time; output ${Math.round(tallies.atrium.bytes / tallies.atrium.images)}` +
        ` vs ${Math.round(tallies.sharp.bytes / tallies.sharp.images)} bytes per image`,
    );
  }
  console.log('\nCPU time per request (steadier than req/s when the machine is busy):');
  for (const note of notes) console.log(note);
  return results;
}

/** One scenario of the JSON report (`atrium-bench-assets/1`, see bench/results/README.md). */
interface AssetsResult {
  name: string;
  unit: string;
  atrium: Record<string, unknown>;
  baseline: Record<string, unknown>;
  ratio: number | null;
  target: { atLeast: number } | { atMost: number } | null;
  met: boolean | null;
}

function sideOf(tally: Tally, rps: number): Record<string, unknown> {
  return {
    value: rps,
    byRound: tally.rps,
    failures: tally.failures,
    requests: tally.requests,
    cpuMicrosPerRequest: {
      node: Math.round(tally.nodeMicros / Math.max(1, tally.requests)),
      postgres:
        tally.postgresMicros === null ? null : Math.round(tally.postgresMicros / Math.max(1, tally.requests)),
    },
  };
}

async function main() {
  const startedAt = new Date();
  const loadBefore = loadAverage();
  const profileDir = process.env.BENCH_CPU_PROF;
  let results: AssetsResult[] | undefined;
  const atrium = await startAtrium({
    // Above TRANSFORM_CONCURRENCY (the default 25 is too): no transform is refused as busy.
    maxConcurrentTransforms: 25,
    execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
  });
  try {
    const variant = await warmVariant(atrium);
    const raw = await startServerProcess<ServerReady>(path.join(__dirname, 'assets', 'raw-process.ts'), {
      files: {
        '/original': { path: atrium.info.original, type: 'image/jpeg' },
        '/variant': { path: variant, type: 'image/webp' },
      },
    } satisfies RawInput);
    try {
      const sharpBaseline = await startSharpBaseline({ input: atrium.info.original });
      try {
        const postgres = await PostgresCpu.open(atrium.info.databaseUrl);
        try {
          results = await runScenarios(atrium, raw, sharpBaseline, postgres);
        } finally {
          await postgres.close();
        }
      } finally {
        await sharpBaseline.stop();
      }
    } finally {
      await raw.stop();
    }
  } finally {
    await atrium.stop();
  }
  const file = writeReport(startedAt, {
    format: 'atrium-bench-assets/1',
    ...runFacts(startedAt, loadBefore),
    settings: {
      ...SETTINGS,
      transformRounds: TRANSFORM_ROUNDS,
      transformImages: TRANSFORM_IMAGES,
      transformConcurrency: TRANSFORM_CONCURRENCY,
    },
    scenarios: results ?? [],
  });
  console.log(`\nResults: ${path.relative(process.cwd(), file)}`);
  if (profileDir) console.log(`CPU profile of the Atrium process written to ${path.resolve(profileDir)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
