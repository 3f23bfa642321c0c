import { latestTenantMigrationName, ProjectRegistry, TenantConnectionManager } from '@atrium/tenancy';
import { TENANT_MIGRATIONS } from '@atrium/tenant-migrations';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { QueryRunner } from 'typeorm';
import { TestApp } from '../support/test-app';

/** Issue 2: a project whose database is behind the code's tenant migrations is migrated on first access. */
describe('tenant migrations applied lazily on first access', () => {
  let t: TestApp;
  before(async () => {
    t = await TestApp.start();
    await t.createProject('behind');
  });
  after(async () => {
    await t?.close();
  });

  it('brings a project left at an older migration up to date when its pool opens', async () => {
    const latest = latestTenantMigrationName();
    const previous = new TENANT_MIGRATIONS[TENANT_MIGRATIONS.length - 2]().name as string;
    // Roll the project back by hand: the last migration undone and its record gone, the registry says so.
    const db = await t.tenantClient('behind');
    const last = new TENANT_MIGRATIONS[TENANT_MIGRATIONS.length - 1]();
    await last.down({ query: (sql: string) => db.query(sql) } as unknown as QueryRunner);
    await db.query('DELETE FROM atrium_migrations WHERE name = $1', [latest]);
    await db.end();
    const registry = t.app.get(ProjectRegistry);
    await registry.update('behind', { tenantMigration: previous });
    await t.app.get(TenantConnectionManager).evict('behind');

    assert.equal((await t.request('GET', '/behind/server/info')).status, 200);

    const check = await t.tenantClient('behind');
    const table = await check.query("SELECT to_regclass('public.atrium_storage_usage') AS name");
    const recorded = await check.query('SELECT count(*)::int AS n FROM atrium_migrations WHERE name = $1', [
      latest,
    ]);
    await check.end();
    assert.equal(table.rows[0].name, 'atrium_storage_usage', 'the missing migration was applied');
    assert.equal(recorded.rows[0].n, 1, 'and recorded exactly once');
    assert.equal((await registry.findFresh('behind'))?.tenantMigration, latest);
  });
});
