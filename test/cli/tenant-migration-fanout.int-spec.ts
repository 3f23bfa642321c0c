import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TENANT_MIGRATIONS, TENANT_MIGRATIONS_TABLE } from '@atrium/tenant-migrations';
import {
  DbServers,
  FanoutEvent,
  latestTenantMigrationName,
  ProjectProvisioner,
  ProjectRegistry,
  runBounded,
  TenantMigrationFanout,
} from '@atrium/tenancy';
import { TestApp } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-env';

const PROJECT_COUNT = 50;
const INTERRUPT_AFTER = 20;
const CONCURRENCY = 4;
const PROBE_TABLE = 'atrium_fanout_probe';

/**
 * A tenant migration released "after" the shipped ones. Its timestamp is the largest a 13-digit suffix can
 * hold, so it stays last whatever real migrations are appended meanwhile.
 */
class AtriumFanoutProbe9999999999999 implements MigrationInterface {
  name = 'AtriumFanoutProbe9999999999999';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE public.${PROBE_TABLE} (id int PRIMARY KEY, note text NOT NULL)`);
    await queryRunner.query(`INSERT INTO public.${PROBE_TABLE} VALUES (1, 'applied once')`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE public.${PROBE_TABLE}`);
  }
}
const PROBE = new AtriumFanoutProbe9999999999999().name;

const keys = Array.from({ length: PROJECT_COUNT }, (_, i) => `fan${String(i + 1).padStart(2, '0')}`);

async function serverAnswers(): Promise<string | null> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return `needs PostgreSQL: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('tenant migration fan-out (50 projects)', () => {
  let t: TestApp | undefined;
  let unavailable: string | null = null;
  let previous = '';
  let registry: ProjectRegistry;
  let fanout: TenantMigrationFanout;
  let setupMs = 0;

  /**
   * Puts projects back where the previous release left them: without the probe's table and record, and
   * registered at the previous migration. (The migrator memoizes the migration list on first use, so the
   * probe is appended before anything runs; the template — and so every new project — then has it already.)
   */
  async function rollBackProbe(projectKeys: string[]): Promise<void> {
    await runBounded(projectKeys, 8, async (key) => {
      const db = await t!.tenantClient(key);
      try {
        await db.query(`DROP TABLE public.${PROBE_TABLE}`);
        await db.query(`DELETE FROM public.${TENANT_MIGRATIONS_TABLE} WHERE name = $1`, [PROBE]);
      } finally {
        await db.end();
      }
      await registry.update(key, { tenantMigration: previous });
    });
  }

  /** Per project: rows in the probe table and records of the probe migration (null: no table). */
  async function probeState(key: string): Promise<{ rows: number | null; records: number }> {
    const db = await t!.tenantClient(key);
    try {
      const table = await db.query('SELECT to_regclass($1) AS oid', [`public.${PROBE_TABLE}`]);
      const rows =
        table.rows[0].oid === null
          ? null
          : (await db.query(`SELECT count(*)::int AS n FROM public.${PROBE_TABLE}`)).rows[0].n;
      const records = await db.query(
        `SELECT count(*)::int AS n FROM public.${TENANT_MIGRATIONS_TABLE} WHERE name = $1`,
        [PROBE],
      );
      return { rows, records: records.rows[0].n };
    } finally {
      await db.end();
    }
  }

  async function recordedMigrations(): Promise<Map<string, string | null>> {
    const projects = await registry.list();
    return new Map(projects.map((project) => [project.key, project.tenantMigration]));
  }

  function skipUnlessReady(context: TestContext): boolean {
    if (unavailable) context.skip(unavailable);
    return !unavailable;
  }

  before(async () => {
    unavailable = await serverAnswers();
    if (unavailable) return;
    const last = TENANT_MIGRATIONS[TENANT_MIGRATIONS.length - 1];
    previous = new last().name ?? last.name;
    TENANT_MIGRATIONS.push(AtriumFanoutProbe9999999999999);
    assert.equal(latestTenantMigrationName(), PROBE, 'the probe is the latest migration');

    t = await TestApp.start();
    registry = t.app.get(ProjectRegistry);
    fanout = new TenantMigrationFanout(registry, t.app.get(DbServers));
    const provisioner = t.app.get(ProjectProvisioner);
    const started = Date.now();
    await runBounded(keys, 5, async (key) => {
      await provisioner.provision({
        project: key,
        adminEmail: `admin@${key}.test`,
        adminPassword: 'password-123',
      });
    });
    await rollBackProbe(keys);
    setupMs = Date.now() - started;
  });

  after(async () => {
    const index = TENANT_MIGRATIONS.indexOf(AtriumFanoutProbe9999999999999);
    if (index >= 0) TENANT_MIGRATIONS.splice(index, 1);
    await t?.close();
  });

  it('starts from projects one migration behind', async (context) => {
    if (!skipUnlessReady(context)) return;
    const recorded = await recordedMigrations();
    assert.equal(recorded.size, PROJECT_COUNT);
    assert.ok([...recorded.values()].every((name) => name === previous));
    assert.deepEqual(await probeState(keys[0]), { rows: null, records: 0 });
    context.diagnostic(`provisioned ${PROJECT_COUNT} projects and rolled the probe back in ${setupMs} ms`);
  });

  it('resumes an interrupted run and applies the migration exactly once to every project', async (context) => {
    if (!skipUnlessReady(context)) return;
    const controller = new AbortController();
    const events: FanoutEvent[] = [];
    let finished = 0;
    const firstStarted = Date.now();
    const first = await fanout.migrateAll({
      concurrency: CONCURRENCY,
      signal: controller.signal,
      onProgress: (event) => {
        events.push(event);
        if (event.type === 'migrated' && ++finished === INTERRUPT_AFTER) controller.abort();
      },
    });
    const firstMs = Date.now() - firstStarted;

    assert.deepEqual(events[0], { type: 'planned', latest: PROBE, pending: PROJECT_COUNT, upToDate: 0 });
    assert.equal(first.interrupted, true);
    assert.deepEqual(first.failed, []);
    assert.deepEqual(first.upToDate, []);
    // The projects in flight when it stopped finished too: at most CONCURRENCY - 1 beyond the 20th.
    assert.ok(
      first.migrated.length >= INTERRUPT_AFTER && first.migrated.length < INTERRUPT_AFTER + CONCURRENCY,
      `migrated ${first.migrated.length}`,
    );
    assert.deepEqual(first.migrated, keys.slice(0, first.migrated.length), 'projects go in key order');
    for (const event of events.filter((e) => e.type === 'migrated')) {
      assert.deepEqual(event.applied, [PROBE]);
    }
    const afterFirst = await recordedMigrations();
    for (const key of keys) {
      assert.equal(afterFirst.get(key), first.migrated.includes(key) ? PROBE : previous, key);
    }

    const secondStarted = Date.now();
    const second = await fanout.migrateAll({ concurrency: CONCURRENCY });
    const secondMs = Date.now() - secondStarted;
    assert.equal(second.interrupted, false);
    assert.deepEqual(second.failed, []);
    assert.deepEqual(second.upToDate, first.migrated, "the first run's projects are skipped");
    assert.deepEqual(second.migrated, keys.slice(first.migrated.length));

    const afterSecond = await recordedMigrations();
    assert.ok(
      keys.every((key) => afterSecond.get(key) === PROBE),
      'the registry records the probe for all 50',
    );
    const states = await Promise.all(keys.map(probeState));
    states.forEach((state, index) => assert.deepEqual(state, { rows: 1, records: 1 }, keys[index]));

    const third = await fanout.migrateAll({ concurrency: CONCURRENCY });
    assert.deepEqual(third, { latest: PROBE, migrated: [], upToDate: keys, failed: [], interrupted: false });
    context.diagnostic(
      `interrupted run: ${first.migrated.length} projects in ${firstMs} ms; ` +
        `resumed run: ${second.migrated.length} projects in ${secondMs} ms`,
    );
  });

  it('records a failing project and migrates all the others; a rerun finishes it', async (context) => {
    if (!skipUnlessReady(context)) return;
    await rollBackProbe(keys);
    const broken = keys[17];
    const dbName = (await registry.findFresh(broken))!.dbName;
    await registry.update(broken, { dbName: `${dbName}_missing` });

    const started = Date.now();
    const result = await fanout.migrateAll({ concurrency: CONCURRENCY });
    const elapsedMs = Date.now() - started;
    assert.equal(result.migrated.length, PROJECT_COUNT - 1);
    assert.deepEqual(
      result.failed.map((failure) => failure.key),
      [broken],
    );
    assert.match(result.failed[0].error, /does not exist \(3D000\)/);
    assert.equal(
      (await registry.findFresh(broken))!.tenantMigration,
      previous,
      'a failure is not recorded as done',
    );

    await registry.update(broken, { dbName });
    const rerun = await fanout.migrateAll({ concurrency: CONCURRENCY });
    assert.deepEqual(rerun.migrated, [broken]);
    assert.equal(rerun.upToDate.length, PROJECT_COUNT - 1);
    assert.deepEqual(await probeState(broken), { rows: 1, records: 1 });
    context.diagnostic(
      `one uninterrupted run over ${PROJECT_COUNT} projects (concurrency ${CONCURRENCY}): ${elapsedMs} ms`,
    );
  });

  it('starts at --from and leaves the projects before it alone', async (context) => {
    if (!skipUnlessReady(context)) return;
    await rollBackProbe(keys);
    const result = await fanout.migrateAll({ from: 'fan45', concurrency: CONCURRENCY });
    assert.deepEqual(result.migrated, keys.slice(44));
    const recorded = await recordedMigrations();
    assert.equal(recorded.get('fan44'), previous);
    assert.equal(recorded.get('fan45'), PROBE);
  });

  it('rejects a concurrency that is not a positive integer before touching anything', async (context) => {
    if (!skipUnlessReady(context)) return;
    await assert.rejects(fanout.migrateAll({ concurrency: 0 }), /"concurrency" must be a positive integer/);
  });
});
