// The platform at 1,000 projects (issue 14): the project list, provisioning four at a time, and the first
// request to a cold project, each beside a raw baseline measured in the same run. Atrium runs in a process of
// its own with the production defaults for spare databases and the background stats refresh; this process
// sends the requests one scenario at a time and measures latency (ms, lower is better), so its figures are
// medians of single requests, not throughput.
//
// The projects: one warm-up and the provisioning scenario's go through POST /server/projects; the rest are
// fillers made with raw CREATE DATABASE … TEMPLATE plus registry and stats rows, the way the provisioner
// makes them (bench/platform/fixture.ts): a thousand provisionings through the API would not fit the
// suite's eight minutes. Every database of the run starts with its own prefix and is dropped at the end.
//
//   BENCH_PLATFORM_PROJECTS=1000   projects on the platform when the list is measured
//   BENCH_PROVISION_BATCHES=6      batches of 4 concurrent provisionings, each with the spares topped up
//   BENCH_EXHAUSTED_BATCHES=2      batches of 4 sent back to back, so the spares run out (no target)
//   BENCH_LIST_REQUESTS=20         timed requests per list variant (after 3 uncounted)
//   BENCH_FILL_CONCURRENCY=8       filler databases created (and dropped) at once: each DROP DATABASE waits for
//                                  a checkpoint, which concurrent drops share
//   BENCH_RESULTS_DIR=dir          where the JSON goes (bench/results by default)
import { hashToken } from '@atrium/auth';
import { withDatabase } from '@atrium/tenancy';
import * as path from 'node:path';
import { Client } from 'pg';
import { TEST_DATABASE_URL } from '../test/support/test-env';
import { startPlatformAtrium, type PlatformAtriumReady } from './platform/atrium-api';
import { createFillers, dropFillers, maintenanceClient, waitForSpares } from './platform/fixture';
import { median } from './support/load';
import { loadAverage, markdownTable, runFacts, writeReport } from './support/report';
import type { ServerProcess } from './support/server-process';

const PROJECTS = Number(process.env.BENCH_PLATFORM_PROJECTS ?? 1_000);
const PROVISION_BATCHES = Number(process.env.BENCH_PROVISION_BATCHES ?? 6);
const EXHAUSTED_BATCHES = Number(process.env.BENCH_EXHAUSTED_BATCHES ?? 2);
const LIST_REQUESTS = Number(process.env.BENCH_LIST_REQUESTS ?? 20);
const FILL_CONCURRENCY = Number(process.env.BENCH_FILL_CONCURRENCY ?? 8);
const LIST_WARMUP = 3;
/** Provisionings at once, as the issue measures them. */
const AT_ONCE = 4;
/** The production default of TENANT_SPARE_DATABASES, and enough for one batch. */
const SPARES = 4;
/** Small pools, so a cold request to each of a few dozen projects stays far below max_connections. */
const POOLS_MAX = 8;
const POOL_SIZE = 2;
/** The static token the cold projects' admins get, for a first request that reads through the pool. */
const COLD_TOKEN = 'bench-platform-static-token';
const TARGETS = { list: 200, provision: 150, cold: 50 };

type Atrium = ServerProcess<PlatformAtriumReady>;

interface Figures {
  label: string;
  /** ms */
  median: number;
  p90: number;
  samples: number[];
}

interface ScenarioResult {
  name: string;
  atrium: Figures;
  baseline: Figures | null;
  /** The upper bound for the Atrium median, in ms (null: none). */
  target: number | null;
  met: boolean | null;
  /** Non-2xx answers (they are not counted in the figures). */
  failures: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function figures(label: string, samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    label,
    median: round(median(samples)),
    p90: round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]),
    samples: samples.map(round),
  };
}

function scenario(
  name: string,
  atrium: Figures,
  baseline: Figures | null,
  target: number | null,
  failures = 0,
): ScenarioResult {
  return { name, atrium, baseline, target, met: target === null ? null : atrium.median <= target, failures };
}

/** One request, timed from send to the last byte; the status comes back beside the time. */
async function timed(
  atrium: Atrium,
  method: string,
  urlPath: string,
  token: string,
  body?: unknown,
): Promise<{ ms: number; status: number; text: string }> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${atrium.info.port}${urlPath}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { ms: performance.now() - started, status: response.status, text };
}

async function provision(atrium: Atrium, key: string): Promise<number> {
  const { ms, status, text } = await timed(atrium, 'POST', '/server/projects', atrium.info.superAdminToken, {
    project: key,
    admin_email: `admin@${key}.test`,
    admin_password: 'password-123',
  });
  if (status !== 201) throw new Error(`provisioning ${key} answered ${status}: ${text.slice(0, 200)}`);
  return ms;
}

/** Batches of AT_ONCE concurrent provisionings; with `topUp`, each starts once the spares are back. */
async function provisionBatches(
  atrium: Atrium,
  admin: Client,
  prefix: string,
  batches: number,
  topUp: boolean,
): Promise<{ keys: string[]; samples: number[]; sparesMissing: number }> {
  const keys: string[] = [];
  const samples: number[] = [];
  let sparesMissing = 0;
  for (let b = 0; b < batches; b++) {
    if (topUp && !(await waitForSpares(admin, atrium.info.tenantDbPrefix, SPARES))) sparesMissing++;
    const batch = Array.from({ length: AT_ONCE }, (_, i) => `${prefix}${b}x${i}`);
    samples.push(...(await Promise.all(batch.map((key) => provision(atrium, key)))));
    keys.push(...batch);
  }
  return { keys, samples, sparesMissing };
}

/** The list variants, each LIST_REQUESTS times after LIST_WARMUP uncounted requests, one at a time. */
async function listScenarios(atrium: Atrium, projects: number): Promise<ScenarioResult[]> {
  const variants: Array<[string, string]> = [
    [`GET /server/projects (all ${projects}, with stats)`, '/server/projects'],
    ['… ?limit=25&meta=total_count,filter_count', '/server/projects?limit=25&meta=total_count,filter_count'],
    ['… ?sort=-size,key&limit=25&page=20', '/server/projects?sort=-size,key&limit=25&page=20'],
    ['… ?search=project 05&limit=25', '/server/projects?search=project%2005&limit=25'],
    [
      '… ?filter[status]=active&sort=name&limit=25&offset=500',
      '/server/projects?filter[status]=active&sort=name&limit=25&offset=500',
    ],
  ];
  const results: ScenarioResult[] = [];
  for (const [name, urlPath] of variants) {
    const samples: number[] = [];
    let failures = 0;
    for (let i = 0; i < LIST_WARMUP + LIST_REQUESTS; i++) {
      const { ms, status } = await timed(atrium, 'GET', urlPath, atrium.info.superAdminToken);
      if (status !== 200) failures++;
      else if (i >= LIST_WARMUP) samples.push(ms);
    }
    const baseline = urlPath === '/server/projects' ? await rawList(atrium) : null;
    results.push(scenario(name, figures('Atrium', samples), baseline, TARGETS.list, failures));
  }
  return results;
}

/** The raw baseline of the full list: the registry joined with the stats rows in one pg query, as JSON. */
async function rawList(atrium: Atrium): Promise<Figures> {
  const client = new Client({ connectionString: atrium.info.platformDatabaseUrl });
  await client.connect();
  const samples: number[] = [];
  try {
    for (let i = 0; i < LIST_WARMUP + LIST_REQUESTS; i++) {
      const started = performance.now();
      const { rows } = await client.query(
        `SELECT p.key, p.name, p.status, p.quota_type, p.quota_size, p.cors_origins, p.created_at, p.db_server,
           s.stats FROM atrium_projects p LEFT JOIN atrium_project_stats s ON s.key = p.key
         WHERE p.status <> 'provisioning' ORDER BY p.created_at, p.key`,
      );
      JSON.stringify({ data: rows });
      if (i >= LIST_WARMUP) samples.push(performance.now() - started);
    }
  } finally {
    await client.end();
  }
  return figures('raw pg query + JSON', samples);
}

/**
 * The first request to each provisioned project since the API started (no pool open: provisioning writes
 * through a connection of its own): `GET /<project>/users/me` with a static token, so the request resolves
 * the project, opens its pool, and reads the token's user. Baseline: a new pg connection to the same
 * database running the same token lookup. The two go first in turn, so neither always finds the other's
 * PostgreSQL caches warm.
 */
async function coldRequests(atrium: Atrium, keys: string[]): Promise<ScenarioResult> {
  const url = (key: string) => withDatabase(TEST_DATABASE_URL, `${atrium.info.tenantDbPrefix}${key}`);
  for (const key of keys) {
    const db = new Client({ connectionString: url(key) });
    await db.connect();
    await db.query('UPDATE directus_users SET token = $1', [hashToken(COLD_TOKEN)]);
    await db.end();
  }
  const atriumSamples: number[] = [];
  const rawSamples: number[] = [];
  let failures = 0;
  const viaAtrium = async (key: string) => {
    const { ms, status } = await timed(atrium, 'GET', `/${key}/users/me`, COLD_TOKEN);
    if (status === 200) atriumSamples.push(ms);
    else failures++;
  };
  const viaRaw = async (key: string) => {
    const started = performance.now();
    const db = new Client({ connectionString: url(key) });
    await db.connect();
    const { rows } = await db.query('SELECT id, email, role FROM directus_users WHERE token = $1', [
      hashToken(COLD_TOKEN),
    ]);
    JSON.stringify({ data: rows[0] });
    rawSamples.push(performance.now() - started);
    await db.end();
  };
  for (const [i, key] of keys.entries()) {
    if (i % 2 === 0) await viaAtrium(key).then(() => viaRaw(key));
    else await viaRaw(key).then(() => viaAtrium(key));
  }
  return scenario(
    'first request to a cold project (GET /<project>/users/me, p50)',
    figures('Atrium', atriumSamples),
    figures('new pg connection + the token lookup', rawSamples),
    TARGETS.cold,
    failures,
  );
}

function printTable(results: ScenarioResult[]): void {
  const verdict = (met: boolean | null) => (met === null ? '' : met ? 'met' : 'MISSED');
  const rows = [
    ['scenario', 'Atrium median ms', 'p90 ms', 'baseline', 'baseline median ms', 'target', 'met?'],
    ...results.map((r) => [
      r.name,
      String(r.atrium.median),
      String(r.atrium.p90),
      r.baseline?.label ?? '',
      r.baseline ? String(r.baseline.median) : '',
      r.target === null ? '' : `≤ ${r.target} ms`,
      verdict(r.met) + (r.failures > 0 ? ` (${r.failures} non-2xx)` : ''),
    ]),
  ];
  console.log(markdownTable(rows));
}

async function main() {
  const startedAt = new Date();
  const loadBefore = loadAverage();
  const atrium = await startPlatformAtrium({
    poolsMax: POOLS_MAX,
    poolSize: POOL_SIZE,
    spareDatabases: SPARES,
  });
  const prefix = atrium.info.tenantDbPrefix;
  const admin = await maintenanceClient();
  const results: ScenarioResult[] = [];
  const apiProjects = 1 + AT_ONCE * (PROVISION_BATCHES + EXHAUSTED_BATCHES);
  const fillers = Math.max(0, PROJECTS - apiProjects);
  const setup = { fillSeconds: 0, sparesMissing: 0 };
  try {
    await provision(atrium, 'warmup'); // builds the template; the spares follow in the background

    const ready = await provisionBatches(atrium, admin, 'prov', PROVISION_BATCHES, true);
    setup.sparesMissing = ready.sparesMissing;
    await waitForSpares(admin, prefix, SPARES);
    const exhausted = await provisionBatches(atrium, admin, 'burst', EXHAUSTED_BATCHES, false);

    const fillStarted = Date.now();
    const fill = (first: number, count: number, concurrency: number) =>
      createFillers({
        first,
        count,
        concurrency,
        tenantDbPrefix: prefix,
        platformDatabaseUrl: atrium.info.platformDatabaseUrl,
        secret: atrium.info.secret,
        statsFrom: 'warmup',
      });
    // The baseline: as many bare copies as the provisioning scenario made, AT_ONCE at a time like it; the
    // rest of the fillers FILL_CONCURRENCY at a time, only to get there sooner.
    const baselineCount = Math.min(fillers, AT_ONCE * PROVISION_BATCHES);
    const copies = await fill(0, baselineCount, AT_ONCE);
    await fill(baselineCount, fillers - baselineCount, FILL_CONCURRENCY);
    setup.fillSeconds = Math.round((Date.now() - fillStarted) / 1000);
    console.log(
      `${apiProjects} projects provisioned and ${fillers} fillers made; filling took ${setup.fillSeconds} s`,
    );

    const bare =
      copies.length > 0 ? figures(`bare CREATE DATABASE … TEMPLATE, ${AT_ONCE} at a time`, copies) : null;
    results.push(
      scenario(
        `provision one project, ${AT_ONCE} at a time, spares ready`,
        figures('Atrium', ready.samples),
        bare,
        TARGETS.provision,
      ),
      scenario(
        `provision one project, ${AT_ONCE} at a time, back to back (spares run out)`,
        figures('Atrium', exhausted.samples),
        bare,
        null,
      ),
    );
    results.push(...(await listScenarios(atrium, apiProjects + fillers)));
    results.push(await coldRequests(atrium, [...ready.keys, ...exhausted.keys]));
  } finally {
    await admin.end();
    await dropFillers(prefix, fillers, FILL_CONCURRENCY);
    await atrium.stop();
  }
  printTable(results);
  const report = {
    format: 'atrium-bench-platform/1',
    ...runFacts(startedAt, loadBefore),
    settings: {
      projects: apiProjects + fillers,
      provisionedThroughApi: apiProjects,
      fillers,
      fillSeconds: setup.fillSeconds,
      fillConcurrency: FILL_CONCURRENCY,
      atOnce: AT_ONCE,
      provisionBatches: PROVISION_BATCHES,
      exhaustedBatches: EXHAUSTED_BATCHES,
      batchesStartedWithoutAllSpares: setup.sparesMissing,
      listRequests: LIST_REQUESTS,
      spareDatabases: SPARES,
      poolSize: POOL_SIZE,
      poolsMax: POOLS_MAX,
    },
    tenantDbPrefix: prefix,
    scenarios: results,
  };
  const file = writeReport(startedAt, report);
  console.log(
    `\nload average ${report.machine.loadAverageBefore.join(' ')} before, ${report.machine.loadAverageAfter.join(' ')} ` +
      `after, on ${report.machine.cores} cores; ${report.durationSeconds} s. Results: ${path.relative(process.cwd(), file)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
