import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LeftoverScratchSweep, SCRATCH_LEFTOVER_AFTER_MS } from '@atrium/server';
import { DbServers, quoteIdent } from '@atrium/tenancy';
import { Client } from 'pg';
import { scratchDatabaseName } from '../../libs/server/src/backups/scratch-database';
import { TestApp } from '../support/test-app';

describe('scratch databases a crashed restore left behind', () => {
  let t: TestApp;
  let servers: DbServers;
  const present = async (name: string) =>
    (
      await servers
        .adminPool(servers.list()[0].name)
        .query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    ).rowCount === 1;
  const create = (name: string) =>
    servers.adminPool(servers.list()[0].name).query(`CREATE DATABASE ${quoteIdent(name)}`);

  before(async () => {
    t = await TestApp.start();
    servers = t.app.get(DbServers);
  });
  after(async () => t?.close());

  it('are dropped once old and unused; a young one, or one in use, stays', async () => {
    const old = Date.now() - SCRATCH_LEFTOVER_AFTER_MS - 60_000;
    const abandoned = scratchDatabaseName(t.config.tenantDbPrefix, old);
    const inUse = scratchDatabaseName(t.config.tenantDbPrefix, old);
    const young = scratchDatabaseName(t.config.tenantDbPrefix);
    for (const name of [abandoned, inUse, young]) await create(name);
    const holder = new Client({ connectionString: servers.tenantUrl(servers.list()[0].name, inUse) });
    await holder.connect();
    try {
      assert.deepEqual(await t.app.get(LeftoverScratchSweep).dropLeftovers(), [abandoned]);
      assert.equal(await present(abandoned), false);
      assert.equal(await present(inUse), true);
      assert.equal(await present(young), true);
    } finally {
      await holder.end();
    }
    assert.deepEqual(
      await t.app.get(LeftoverScratchSweep).dropLeftovers(),
      [inUse],
      'once nobody is connected',
    );
  });
});
