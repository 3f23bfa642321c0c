import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Client } from 'pg';
import { withDatabase } from '@atrium/tenancy';
import { TEST_DATABASE_URL } from '../support/test-env';

const ROOT = path.resolve(__dirname, '..', '..');

/** The items bench on a tiny dataset, with rounds too short to mean anything: it runs, never how fast. */
const TINY: Record<string, string> = {
  BENCH_ROWS: '60',
  BENCH_SPREAD_PROJECTS: '2',
  BENCH_ROUNDS: '1',
  BENCH_SECONDS: '0.1',
  BENCH_WARMUP_SECONDS: '0.05',
  BENCH_FIRST_ROUND_SECONDS: '0.05',
  BENCH_CONCURRENCY: '2',
};

/** The platform bench with a dozen projects, one batch of each provisioning kind and one request a list. */
const TINY_PLATFORM: Record<string, string> = {
  BENCH_PLATFORM_PROJECTS: '12',
  BENCH_PROVISION_BATCHES: '1',
  BENCH_EXHAUSTED_BATCHES: '1',
  BENCH_LIST_REQUESTS: '1',
};

function runBench(
  script: string,
  settings: Record<string, string>,
  resultsDir: string,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--require', '@swc-node/register', script], {
    cwd: ROOT,
    env: { ...process.env, ...settings, NODE_ENV: 'production', BENCH_RESULTS_DIR: resultsDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** Issue 14: `npm run bench`'s items and platform harnesses cannot rot unnoticed. */
describe('bench harness smoke run', () => {
  const resultsDir = mkdtempSync(path.join(tmpdir(), 'atrium-bench-smoke-'));
  after(() => rmSync(resultsDir, { recursive: true, force: true }));

  it('runs every items scenario and writes one well-formed result, leaving no database behind', async () => {
    const { code, output } = await runBench('bench/items.bench.ts', TINY, resultsDir);
    assert.equal(code, 0, output);
    assert.match(output, /\| scenario \| Atrium req\/s \|/);
    const files = readdirSync(resultsDir);
    assert.equal(files.length, 1, files.join(', '));
    assert.match(files[0], /^\d{4}-\d\d-\d\dT[\d-]+Z-[0-9a-f]{10}\.json$/);
    const report = JSON.parse(readFileSync(path.join(resultsDir, files[0]), 'utf8'));
    assert.equal(report.format, 'atrium-bench-items/1');
    assert.match(report.commit, /^[0-9a-f]{40}$/);
    assert.equal(typeof report.machine.cores, 'number');
    assert.equal(report.machine.loadAverageBefore.length, 3);
    assert.equal(report.settings.spreadProjects, 2);
    assertScenarioNames(report, [
      'list 25 rows',
      'read one by id',
      'filter + sort',
      'm2o path',
      'meta=total_count,filter_count',
      'create one',
      'ping',
      'non-admin role with a row filter',
      'GraphQL',
      'non-admin row-filter list / admin list',
      '2-project spread',
    ]);
    for (const scenario of report.scenarios) {
      for (const side of [scenario.atrium, scenario.baseline]) {
        assert.equal(typeof side.rps, 'number', scenario.name);
        assert.equal(side.rpsByRound.length, 1, scenario.name);
        assert.ok(side.requests > 0, `${scenario.name}: ${side.label} made requests`);
        assert.equal(side.failures, 0, `${scenario.name}: ${side.label} answered only 200`);
        assert.equal(typeof side.cpuMicrosPerRequest.total, 'number');
      }
      assert.ok(scenario.ratio === null || typeof scenario.ratio === 'number');
    }
    assert.equal(typeof report.rss.idleMiB, 'number');
    assert.equal(typeof report.rss.peakMiB, 'number');

    await assertNoDatabaseLeft(report.tenantDbPrefix);
  });

  it('runs every platform scenario and writes one well-formed result, leaving no database behind', async () => {
    const platformDir = mkdtempSync(path.join(tmpdir(), 'atrium-bench-platform-smoke-'));
    try {
      const { code, output } = await runBench('bench/platform.bench.ts', TINY_PLATFORM, platformDir);
      assert.equal(code, 0, output);
      assert.match(output, /\| scenario \| Atrium median ms \|/);
      const files = readdirSync(platformDir);
      assert.equal(files.length, 1, files.join(', '));
      const report = JSON.parse(readFileSync(path.join(platformDir, files[0]), 'utf8'));
      assert.equal(report.format, 'atrium-bench-platform/1');
      assert.match(report.commit, /^[0-9a-f]{40}$/);
      assert.equal(report.settings.projects, 12);
      assert.equal(report.settings.fillers, 3);
      assertScenarioNames(report, [
        'spares ready',
        'spares run out',
        'GET /server/projects (all 12',
        'limit=25&meta',
        'sort=-size',
        'search=',
        'filter[status]',
        'first request to a cold project',
      ]);
      for (const scenario of report.scenarios) {
        assert.equal(scenario.failures, 0, scenario.name);
        assert.equal(typeof scenario.atrium.median, 'number', scenario.name);
        assert.ok(scenario.atrium.samples.length > 0, scenario.name);
        assert.ok(scenario.met === null || typeof scenario.met === 'boolean', scenario.name);
      }
      await assertNoDatabaseLeft(report.tenantDbPrefix);
    } finally {
      rmSync(platformDir, { recursive: true, force: true });
    }
  });
});

/** Every expected scenario is in the report, by a part of its name. */
function assertScenarioNames(report: { scenarios: Array<{ name: string }> }, expected: string[]): void {
  const names = report.scenarios.map((s) => s.name);
  for (const part of expected) {
    assert.ok(
      names.some((name) => name.includes(part)),
      `${part} in ${names.join('; ')}`,
    );
  }
}

async function assertNoDatabaseLeft(tenantDbPrefix: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, 'postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [
      tenantDbPrefix,
    ]);
    assert.deepEqual(rows, []);
  } finally {
    await admin.end();
  }
}
