// Items reads (issue 6) beside a raw baseline (node:http + a pg Pool serialising rows itself) reading the
// same table. Atrium, the baseline and the load generator each run in their own process, and both servers
// are driven identically: same load generator, concurrency, warm-up and window, in alternating rounds so a
// burst of other work on the machine hits both alike. Each req/s figure is the median of the rounds.
// Below the table, the CPU time each request cost the server process and its PostgreSQL backends: on a
// shared 2-core machine those move far less than req/s does.
//
//   BENCH_ROUNDS=3         rounds per scenario (Atrium, raw, Atrium, raw…), after one uncounted 2.5 s round
//   BENCH_SECONDS=2        timed window of each round (after a 0.3 s warm-up)
//   BENCH_CONCURRENCY=16   keep-alive connections of the load generator
//   BENCH_ONLY=text        run only the scenarios whose name contains text (e.g. while profiling)
//   BENCH_CPU_PROF=dir     write a V8 CPU profile of the Atrium process into dir (node --cpu-prof)
import * as path from 'node:path';
import type { AtriumInput, AtriumReady } from './items/atrium-process';
import { ADMIN_TOKEN, PROJECT } from './items/fixture';
import { RAW_APPLICATION, type RawInput } from './items/raw-process';
import { median } from './support/load';
import { PostgresCpu } from './support/postgres-cpu';
import { alternate, perRequest, type RoundSettings, type Tally, type Target } from './support/rounds';
import { startServerProcess, type ServerProcess, type ServerReady } from './support/server-process';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const FIRST_ROUND_MS = 2_500;
const WARMUP_MS = 300;
const POOL_SIZE = 10;
/** How the API names its tenant connections (TenantConnectionManager). */
const ATRIUM_APPLICATION = `atrium:${PROJECT}`;

interface Scenario {
  name: string;
  atrium: string;
  raw: string;
  /** The Atrium token. */
  token: string;
}

const ADMIN_LIST = 'list 25 rows';
const LIST_PATH = `/${PROJECT}/items/articles?limit=25`;
const NON_ADMIN_LIST = 'list 25 rows, non-admin role with a row filter';

function scenarios(atrium: AtriumReady): Scenario[] {
  return [
    { name: ADMIN_LIST, atrium: LIST_PATH, raw: '/list', token: ADMIN_TOKEN },
    {
      name: 'read one by id',
      atrium: `/${PROJECT}/items/articles/4242`,
      raw: '/one/4242',
      token: ADMIN_TOKEN,
    },
    {
      // The permission's row filter is part of the one statement (issue 7): within 15% of the admin list.
      name: NON_ADMIN_LIST,
      atrium: LIST_PATH,
      raw: '/published',
      token: atrium.reader,
    },
  ];
}

const SETTINGS: RoundSettings = {
  rounds: ROUNDS,
  durationMs: SECONDS * 1000,
  warmupMs: WARMUP_MS,
  firstRoundMs: FIRST_ROUND_MS,
  concurrency: CONCURRENCY,
};

function measure(atrium: Target, raw: Target, postgres: PostgresCpu) {
  return alternate(atrium, raw, postgres, SETTINGS);
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

async function runScenarios(
  atrium: ServerProcess<AtriumReady>,
  raw: ServerProcess<ServerReady>,
  postgres: PostgresCpu,
): Promise<void> {
  const notes: string[] = [];
  const results = new Map<string, { atrium: number; raw: number }>();
  console.log('| scenario | Atrium req/s | raw req/s | Atrium/raw |');
  console.log('| --- | --- | --- | --- |');
  const only = process.env.BENCH_ONLY;
  for (const scenario of scenarios(atrium.info).filter((s) => !only || s.name.includes(only))) {
    const headers = bearer(scenario.token);
    const tallies = await measure(
      { server: atrium, path: scenario.atrium, headers, application: ATRIUM_APPLICATION },
      { server: raw, path: scenario.raw, headers: {}, application: RAW_APPLICATION },
      postgres,
    );
    const [a, r] = [median(tallies.atrium.rps), median(tallies.raw.rps)];
    console.log(`| ${scenario.name} | ${a} | ${r} | ${(a / r).toFixed(2)} |`);
    results.set(scenario.name, { atrium: a, raw: r });
    notes.push(
      `  ${scenario.name}: Atrium ${perRequest(tallies.atrium)}, raw ${perRequest(tallies.raw)}` +
        ` (req/s by round: Atrium ${tallies.atrium.rps.join('/')}, raw ${tallies.raw.rps.join('/')})`,
    );
    if (tallies.atrium.failures + tallies.raw.failures > 0)
      notes.push(`  non-200 answers: Atrium ${tallies.atrium.failures}, raw ${tallies.raw.failures}`);
  }
  const admin = results.get(ADMIN_LIST);
  const nonAdmin = results.get(NON_ADMIN_LIST);
  if (admin && nonAdmin) {
    console.log(
      `\nnon-admin with a row filter / admin: ${(nonAdmin.atrium / admin.atrium).toFixed(2)} in req/s, ` +
        `${(nonAdmin.atrium / nonAdmin.raw / (admin.atrium / admin.raw)).toFixed(2)} as ratios to raw`,
    );
    // The two scenarios above ran a minute apart; on a shared machine that alone moves req/s by a quarter.
    // Alternating rounds of the two lists against the same server settle issue 7's "within 15 %".
    const paired = await measure(
      { server: atrium, path: LIST_PATH, headers: bearer(ADMIN_TOKEN), application: ATRIUM_APPLICATION },
      {
        server: atrium,
        path: LIST_PATH,
        headers: bearer(atrium.info.reader),
        application: ATRIUM_APPLICATION,
      },
      postgres,
    );
    const ratio = median(paired.raw.rps) / median(paired.atrium.rps);
    console.log(
      `non-admin / admin in alternating rounds: ${ratio.toFixed(2)} in req/s (admin ${paired.atrium.rps.join('/')}, ` +
        `non-admin ${paired.raw.rps.join('/')})`,
    );
    // CPU spent per request moves far less than req/s when other work shares the machine.
    const cost = (tally: Tally) => (tally.nodeMicros + (tally.postgresMicros ?? 0)) / tally.requests;
    console.log(
      `  and in CPU per request: admin ${Math.round(cost(paired.atrium))} µs, non-admin ` +
        `${Math.round(cost(paired.raw))} µs → ${(cost(paired.atrium) / cost(paired.raw)).toFixed(2)} ` +
        '(issue 7 asks for at least 0.85)',
    );
  }
  console.log('\nCPU time per request (steadier than req/s when the machine is busy):');
  for (const note of notes) console.log(note);
}

async function main() {
  const profileDir = process.env.BENCH_CPU_PROF;
  const atrium = await startServerProcess<AtriumReady>(
    path.join(__dirname, 'items', 'atrium-process.ts'),
    { poolSize: POOL_SIZE } satisfies AtriumInput,
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
  );
  try {
    const raw = await startServerProcess<ServerReady>(path.join(__dirname, 'items', 'raw-process.ts'), {
      databaseUrl: atrium.info.databaseUrl,
      poolSize: POOL_SIZE,
    } satisfies RawInput);
    const postgres = await PostgresCpu.open(atrium.info.databaseUrl);
    try {
      await runScenarios(atrium, raw, postgres);
    } finally {
      await postgres.close();
      await raw.stop();
    }
  } finally {
    await atrium.stop();
  }
  if (profileDir) console.log(`CPU profile of the Atrium process written to ${path.resolve(profileDir)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
