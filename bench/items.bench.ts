// Items (issues 6, 7, 14) beside a raw baseline (node:http + a pg Pool serialising rows itself) working on
// the same tables. Atrium is the production build as users start it (`dist/apps/api/src/main.js`, built
// first when the sources are newer), prepared through its API. Atrium, the baseline and the load generator
// each run in their own process, and both servers are driven identically: same load generator, concurrency,
// warm-up and window, in alternating rounds so a burst of other work on the machine hits both alike. Each req/s figure is the median of the
// rounds. Two comparisons are Atrium against itself (non-admin / admin; 200-project spread / one project).
// Each run prints one table and writes it, with the commit and the machine's load, as JSON into
// bench/results/ (see bench/results/README.md). CPU time per request (server process + its PostgreSQL
// backends) moves far less than req/s on a shared 2-core machine: read it beside the ratios.
//
//   BENCH_ROUNDS=3                rounds per scenario (Atrium, raw, Atrium, raw…), after one uncounted round
//   BENCH_SECONDS=2               timed window of each round (after the warm-up)
//   BENCH_WARMUP_SECONDS=0.3      uncounted start of each round
//   BENCH_FIRST_ROUND_SECONDS=2.5 the uncounted first round of each side
//   BENCH_CONCURRENCY=16          keep-alive connections of the load generator
//   BENCH_ROWS=10000              articles in the main project
//   BENCH_SPREAD_PROJECTS=200     small projects of the spread load (0: leave the scenario out)
//   BENCH_RESULTS_DIR=dir         where the JSON goes (bench/results by default; the smoke test uses a temp dir)
//   BENCH_ONLY=text               run only the scenarios whose name contains text (e.g. while profiling)
//   BENCH_CPU_PROF=dir            write a V8 CPU profile of the Atrium process into dir (node --cpu-prof)
//   BENCH_NODE_FLAGS="…"          extra node flags for the Atrium process (e.g. trying V8 heap settings)
import * as path from 'node:path';
import { startAtrium, type AtriumReady } from './items/atrium-api';
import { ADMIN_TOKEN, ONE_ID, PROJECT, ROWS, spreadProject } from './items/fixture';
import { RAW_APPLICATION, type RawInput } from './items/raw-process';
import { median, type RequestShape } from './support/load';
import { PostgresCpu } from './support/postgres-cpu';
import { loadAverage, markdownTable, runFacts, writeReport } from './support/report';
import { alternate, type RoundSettings, type Tally, type Target } from './support/rounds';
import { startServerProcess, type ServerProcess, type ServerReady } from './support/server-process';

const seconds = (name: string, fallback: number) => Number(process.env[name] ?? fallback) * 1000;
const SETTINGS: RoundSettings = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  durationMs: seconds('BENCH_SECONDS', 2),
  warmupMs: seconds('BENCH_WARMUP_SECONDS', 0.3),
  firstRoundMs: seconds('BENCH_FIRST_ROUND_SECONDS', 2.5),
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 16),
};
const SPREAD_PROJECTS = Number(process.env.BENCH_SPREAD_PROJECTS ?? 200);
const POOL_SIZE = 10;
/** TENANT_POOLS_MAX of the Atrium process: a quarter of the spread's projects have a pool at a time. */
const POOLS_MAX = 50;
/**
 * TENANT_CONNECTIONS_MAX of the Atrium process: one connection for each open pool plus the load's
 * concurrency, so connections are closed only with their pool (the raw baseline's 10, the platform's and
 * this bench's own stay well within max_connections = 100).
 */
const CONNECTIONS_MAX = Number(process.env.BENCH_CONNECTIONS_MAX ?? 64);
/** Popularity of the nth small project ∝ 1/n^ZIPF_EXPONENT. */
const ZIPF_EXPONENT = 1;
const RSS_TARGET_MIB = 200;
/** How the API names its tenant connections (TenantConnectionManager): `atrium:<project>`. */
const atriumApplication = (project: string) => `atrium:${project}`;

/** One side of a comparison: what to send where, and what it is called in the table. */
interface Side {
  label: string;
  target: Target;
}

interface Scenario {
  name: string;
  /** Atrium against the raw baseline, or Atrium against itself; the ratio is measured / baseline. */
  kind: 'raw' | 'atrium';
  measured: Side;
  baseline: Side;
  /** The issue's lower bound for the ratio, if it sets one. */
  target?: number;
}

interface SideResult {
  label: string;
  rps: number;
  rpsByRound: number[];
  failures: number;
  /** Non-200 answers by status. */
  failureStatuses: Record<string, number>;
  requests: number;
  /** Server process and PostgreSQL backends (null when those cannot be read), µs per request. */
  cpuMicrosPerRequest: { node: number; postgres: number | null; total: number };
}

interface ScenarioResult {
  name: string;
  kind: Scenario['kind'];
  /** Atrium, or the measured Atrium side (kind "atrium"). */
  atrium: SideResult;
  /** The raw baseline, or the Atrium side compared against (kind "atrium"). */
  baseline: SideResult;
  ratio: number | null;
  target: number | null;
  met: boolean | null;
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

function scenarios(atrium: ServerProcess<AtriumReady>, raw: ServerProcess<ServerReady>): Scenario[] {
  const { reader, tenantDbPrefix } = atrium.info;
  const onAtrium = (urlPath: string, token = ADMIN_TOKEN, shape?: RequestShape): Target => ({
    server: atrium,
    path: urlPath,
    headers: bearer(token),
    application: atriumApplication(PROJECT),
    shape,
  });
  const onRaw = (urlPath: string, shape?: RequestShape): Target => ({
    server: raw,
    path: urlPath,
    headers: {},
    application: RAW_APPLICATION,
    shape,
  });
  const versus = (name: string, atriumTarget: Target, rawTarget: Target, target?: number): Scenario => ({
    name,
    kind: 'raw',
    measured: { label: 'Atrium', target: atriumTarget },
    baseline: { label: 'raw', target: rawTarget },
    target,
  });
  const list = `/${PROJECT}/items/articles?limit=25`;
  const note = JSON.stringify({ title: 'Bench note', body: 'Lorem ipsum dolor sit amet.', status: 'draft' });
  const post = { method: 'POST', body: note } as const;
  // The same fields through both APIs: GraphQL's price is parsing, validating and walking the document.
  const sameFields = 'id,title,body,status,views,published_at';
  const graphql = JSON.stringify({ query: `{ articles(limit: 25) { ${sameFields.replaceAll(',', ' ')} } }` });
  const all: Scenario[] = [
    versus('list 25 rows', onAtrium(list), onRaw('/list'), 0.9),
    versus('read one by id', onAtrium(`/${PROJECT}/items/articles/${ONE_ID}`), onRaw(`/one/${ONE_ID}`), 0.9),
    versus(
      'filter + sort (views >= 500, -published_at)',
      onAtrium(`${list}&filter[views][_gte]=500&sort=-published_at`),
      onRaw('/filter-sort'),
      0.9,
    ),
    versus(
      'list with m2o path (fields=*,author.name)',
      onAtrium(`${list}&fields=*,author.name`),
      onRaw('/m2o'),
      0.8,
    ),
    versus(
      'list with meta=total_count,filter_count',
      onAtrium(`${list}&meta=total_count,filter_count`),
      onRaw('/meta'),
    ),
    versus(
      'create one (row + activity + revision)',
      onAtrium(`/${PROJECT}/items/notes`, ADMIN_TOKEN, post),
      onRaw('/create', post),
      0.6,
    ),
    versus('ping', { ...onAtrium('/server/ping'), headers: {} }, onRaw('/ping'), 0.7),
    versus('list 25 rows, non-admin role with a row filter', onAtrium(list, reader), onRaw('/published')),
    {
      // Issue 15: a GraphQL query field compiles to the statement REST builds for the same selection.
      name: `GraphQL list 25 rows / REST list (fields=${sameFields})`,
      kind: 'atrium',
      measured: {
        label: 'Atrium GraphQL',
        target: onAtrium(`/${PROJECT}/graphql`, ADMIN_TOKEN, { method: 'POST', body: graphql }),
      },
      baseline: { label: 'Atrium REST', target: onAtrium(`${list}&fields=${sameFields}`) },
      target: 0.85,
    },
    {
      // Issue 7: the permission's row filter is part of the one statement. Same server, alternating rounds.
      name: 'non-admin row-filter list / admin list',
      kind: 'atrium',
      measured: { label: 'Atrium non-admin', target: onAtrium(list, reader) },
      baseline: { label: 'Atrium admin', target: onAtrium(list) },
      target: 0.9,
    },
  ];
  if (SPREAD_PROJECTS > 0) {
    // Both sides name their backends by prefix, over every tenant database of this Atrium process.
    const backends = { application: atriumApplication(''), databasePrefix: tenantDbPrefix };
    const small = (n: number) => `/${spreadProject(n)}/items/articles?limit=25`;
    const paths = Array.from({ length: SPREAD_PROJECTS }, (_, n) => small(n));
    all.push({
      name: `${SPREAD_PROJECTS}-project spread (Zipf) / one project, TENANT_POOLS_MAX=${POOLS_MAX}`,
      kind: 'atrium',
      measured: {
        label: `Atrium ${SPREAD_PROJECTS} projects`,
        target: {
          ...onAtrium(small(0), ADMIN_TOKEN, { spread: { paths, exponent: ZIPF_EXPONENT } }),
          ...backends,
        },
      },
      baseline: { label: 'Atrium one project', target: { ...onAtrium(small(0)), ...backends } },
      target: 0.8,
    });
  }
  const only = process.env.BENCH_ONLY;
  return all.filter((s) => !only || s.name.includes(only));
}

/** One request as the load generator would send it: its status (checks a scenario works before timing it). */
async function probe(target: Target): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${target.server.info.port}${target.path}`, {
    method: target.shape?.method ?? 'GET',
    headers: {
      ...target.headers,
      ...(target.shape?.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: target.shape?.body,
  });
  await response.arrayBuffer();
  return response.status;
}

function sideResult(label: string, tally: Tally): SideResult {
  const node = tally.nodeMicros / tally.requests;
  const postgres = tally.postgresMicros === null ? null : tally.postgresMicros / tally.requests;
  return {
    label,
    rps: median(tally.rps),
    rpsByRound: tally.rps,
    failures: tally.failures,
    failureStatuses: tally.failureStatuses,
    requests: tally.requests,
    cpuMicrosPerRequest: {
      node: Math.round(node),
      postgres: postgres === null ? null : Math.round(postgres),
      total: Math.round(node + (postgres ?? 0)),
    },
  };
}

async function runScenario(
  scenario: Scenario,
  postgres: PostgresCpu,
  peak: { rss: number | null },
): Promise<ScenarioResult> {
  for (const side of [scenario.measured, scenario.baseline]) {
    const status = await probe(side.target);
    if (status !== 200)
      throw new Error(`${scenario.name}: ${side.label} answered ${status} to ${side.target.path}`);
  }
  // Rounds alternate measured, baseline, measured…; `alternate` calls its two sides atrium and raw.
  const tallies = await alternate(scenario.measured.target, scenario.baseline.target, postgres, SETTINGS);
  // Only the Atrium process's memory counts, not the raw baseline's.
  for (const tally of scenario.kind === 'raw' ? [tallies.atrium] : [tallies.atrium, tallies.raw]) {
    if (tally.peakRssBytes !== null) peak.rss = Math.max(peak.rss ?? 0, tally.peakRssBytes);
  }
  const atrium = sideResult(scenario.measured.label, tallies.atrium);
  const baseline = sideResult(scenario.baseline.label, tallies.raw);
  // No ratio when the baseline answered nothing in its windows (only in the smoke test's tiny rounds).
  const ratio = baseline.rps > 0 ? Number((atrium.rps / baseline.rps).toFixed(3)) : null;
  return {
    name: scenario.name,
    kind: scenario.kind,
    target: scenario.target ?? null,
    atrium,
    baseline,
    ratio,
    met: scenario.target === undefined || ratio === null ? null : ratio >= scenario.target,
  };
}

const mib = (bytes: number | null) => (bytes === null ? null : Math.round((bytes / 2 ** 20) * 10) / 10);

function printTable(results: ScenarioResult[], rss: { idleMiB: number | null; peakMiB: number | null }) {
  const verdict = (met: boolean | null) => (met === null ? '' : met ? 'met' : 'MISSED');
  const rows: string[][] = [
    [
      'scenario',
      'Atrium req/s',
      'baseline',
      'baseline req/s',
      'ratio',
      'target',
      'met?',
      'CPU µs/req (Atrium / baseline)',
    ],
  ];
  for (const r of results) {
    rows.push([
      r.name,
      `${r.atrium.rps}${r.kind === 'atrium' ? ` (${r.atrium.label})` : ''}`,
      r.baseline.label,
      String(r.baseline.rps),
      r.ratio === null ? '—' : r.ratio.toFixed(2),
      r.target === null ? '' : `≥ ${r.target}`,
      verdict(r.met),
      `${r.atrium.cpuMicrosPerRequest.total} / ${r.baseline.cpuMicrosPerRequest.total}`,
    ]);
  }
  const peakMet = rss.peakMiB === null ? null : rss.peakMiB <= RSS_TARGET_MIB;
  rows.push(['Atrium RSS idle (MiB)', String(rss.idleMiB ?? '—'), '', '', '', '', '', '']);
  rows.push([
    'Atrium RSS peak under load (MiB)',
    String(rss.peakMiB ?? '—'),
    '',
    '',
    '',
    `≤ ${RSS_TARGET_MIB}`,
    verdict(peakMet),
    '',
  ]);
  console.log(markdownTable(rows));
  console.log('\nreq/s by round, and non-200 answers:');
  for (const r of results) {
    const failures = r.atrium.failures + r.baseline.failures;
    const byStatus = (side: SideResult) => JSON.stringify(side.failureStatuses);
    console.log(
      `  ${r.name}: ${r.atrium.label} ${r.atrium.rpsByRound.join('/')}, ${r.baseline.label} ` +
        `${r.baseline.rpsByRound.join('/')}` +
        (failures > 0 ? ` — non-200 by status: ${byStatus(r.atrium)} / ${byStatus(r.baseline)}` : ''),
    );
  }
}

async function main() {
  const startedAt = new Date();
  const loadBefore = loadAverage();
  const profileDir = process.env.BENCH_CPU_PROF;
  const atrium = await startAtrium({
    poolSize: POOL_SIZE,
    poolsMax: POOLS_MAX,
    connectionsMax: CONNECTIONS_MAX,
    spreadProjects: SPREAD_PROJECTS,
    execArgv: [
      ...(process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : []),
    ],
  });
  console.log(
    `Atrium ready (${ROWS} articles, ${SPREAD_PROJECTS} small projects) after ` +
      `${Math.round((Date.now() - startedAt.getTime()) / 1000)} s\n`,
  );
  const results: ScenarioResult[] = [];
  const idleRss = atrium.rssBytes();
  const peak = { rss: null as number | null };
  try {
    const raw = await startServerProcess<ServerReady>(path.join(__dirname, 'items', 'raw-process.ts'), {
      databaseUrl: atrium.info.databaseUrl,
      poolSize: POOL_SIZE,
      adminUser: atrium.info.adminUser,
    } satisfies RawInput);
    const postgres = await PostgresCpu.open(atrium.info.databaseUrl);
    try {
      for (const scenario of scenarios(atrium, raw))
        results.push(await runScenario(scenario, postgres, peak));
    } finally {
      await postgres.close();
      await raw.stop();
    }
  } finally {
    await atrium.stop();
  }
  const rss = { idleMiB: mib(idleRss), peakMiB: mib(peak.rss), targetMiB: RSS_TARGET_MIB };
  printTable(results, rss);
  const report = {
    format: 'atrium-bench-items/1',
    ...runFacts(startedAt, loadBefore),
    settings: {
      ...SETTINGS,
      rows: ROWS,
      spreadProjects: SPREAD_PROJECTS,
      poolSize: POOL_SIZE,
      poolsMax: POOLS_MAX,
      connectionsMax: CONNECTIONS_MAX,
    },
    tenantDbPrefix: atrium.info.tenantDbPrefix,
    rss: { ...rss, met: rss.peakMiB === null ? null : rss.peakMiB <= RSS_TARGET_MIB },
    scenarios: results,
  };
  const file = writeReport(startedAt, report);
  console.log(
    `\nload average ${report.machine.loadAverageBefore.join(' ')} before, ${report.machine.loadAverageAfter.join(' ')} ` +
      `after, on ${report.machine.cores} cores; ${report.durationSeconds} s. Results: ${path.relative(process.cwd(), file)}`,
  );
  if (profileDir) console.log(`CPU profile of the Atrium process written to ${path.resolve(profileDir)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
