import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { TenantConnectionManager } from '@atrium/tenancy';
import { TestApp } from '../support/test-app';

async function tenantConnections(t: TestApp): Promise<number> {
  const client = new Client({ connectionString: t.config.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE starts_with(datname, $1) AND datname NOT LIKE '%\\_tpl\\_%'",
      [t.config.tenantDbPrefix],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('tenant pool bounds', () => {
  let t: TestApp;
  const keys = Array.from({ length: 25 }, (_, index) => `p${index}`);
  before(async () => {
    t = await TestApp.start({ TENANT_POOLS_MAX: '10', TENANT_POOL_SIZE: '2' });
    for (const key of keys) await t.createProject(key);
  });
  after(async () => {
    await t?.close();
  });

  it('keeps at most TENANT_POOLS_MAX × TENANT_POOL_SIZE connections across 25 projects', async () => {
    let peak = 0;
    for (const key of keys) {
      // Several requests at once so that each pool opens its second connection.
      const responses = await Promise.all(
        Array.from({ length: 4 }, () => t.request('GET', `/${key}/server/info`)),
      );
      assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([200]));
      peak = Math.max(peak, await tenantConnections(t));
    }
    let settled = Infinity;
    await eventually(async () => (settled = await tenantConnections(t)) <= 20);
    assert.ok(settled <= 20, `${settled} tenant connections are open`);
    // Closing an evicted pool takes a moment; the peak may include a pool still draining.
    assert.ok(peak <= 22, `peak of ${peak} tenant connections`);
  });

  it('opens pools of current projects without asking their databases about migrations', () => {
    const counts = t.app.get(TenantConnectionManager).poolCounts();
    assert.ok(counts.poolsOpened >= keys.length);
    assert.equal(counts.migrationChecks, 0);
  });

  it('keeps every pool together within TENANT_CONNECTIONS_MAX, closing cold idle connections, never failing', async () => {
    const tight = await TestApp.start({
      TENANT_POOLS_MAX: '10',
      TENANT_POOL_SIZE: '3',
      TENANT_CONNECTIONS_MAX: '4',
    });
    try {
      const few = keys.slice(0, 8);
      for (const key of few) await tight.createProject(key);
      let peak = 0;
      for (let round = 0; round < 3; round++) {
        for (const key of few) {
          // More requests at once than the budget: the later ones wait for a connection, none fails.
          const responses = await Promise.all(
            Array.from({ length: 6 }, () => tight.request('GET', `/${key}/server/info`)),
          );
          assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([200]));
          peak = Math.max(peak, tight.app.get(TenantConnectionManager).poolCounts().connectionsOpen);
        }
      }
      assert.ok(peak <= 4, `peak of ${peak} tenant connections`);
      let settled = Infinity;
      await eventually(async () => (settled = await tenantConnections(tight)) <= 4);
      assert.ok(settled <= 4, `${settled} tenant connections are open`);
    } finally {
      await tight.close();
    }
  });

  it('closes idle pools', async () => {
    const idle = await TestApp.start({ TENANT_POOL_IDLE_MS: '1000' });
    try {
      await idle.createProject('sleepy');
      assert.equal((await idle.request('GET', '/sleepy/server/info')).status, 200);
      assert.ok((await tenantConnections(idle)) >= 1);
      let open = Infinity;
      await eventually(async () => (open = await tenantConnections(idle)) === 0, 5_000);
      assert.equal(open, 0);
      // …and reopens on the next request.
      assert.equal((await idle.request('GET', '/sleepy/server/info')).status, 200);
    } finally {
      await idle.close();
    }
  });
});
