import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Test } from '@nestjs/testing';
import { InvalidationBus, RedisModule } from '@atrium/redis';
import {
  buildSchemaOverview,
  SCHEMA_INVALIDATE_TOPIC,
  SchemaCache,
  SchemaModule,
  type SchemaCacheOptions,
  type SchemaOverview,
} from '@atrium/schema';
import { inTransaction, ProjectRegistry, TenantConnectionManager, type TenantContext } from '@atrium/tenancy';
import type { Pool } from 'pg';
import { TestApp } from '../support/test-app';
import { SKIP_WITHOUT_REDIS, TEST_REDIS_URL } from '../support/test-env';

/**
 * The context a request under `/:project` would carry, from the app's own registry and pools. Its lease
 * is held for the rest of the test, as a request holds it until its response closes; closing the app ends it.
 */
async function tenantOf(t: TestApp, key: string): Promise<TenantContext> {
  const project = await t.app.get(ProjectRegistry).find(key);
  if (!project) throw new Error(`no project ${key}`);
  const connections = t.app.get(TenantConnectionManager);
  const lease = await connections.lease(project);
  return { key, project, pool: async () => lease.pool };
}

/** A schema change the way the services make one: DDL + bump in one transaction, then invalidate. */
async function changeSchema(cache: SchemaCache, tenant: TenantContext, ddl: string): Promise<number> {
  const version = await inTransaction(await tenant.pool(), async (client) => {
    await client.query(ddl);
    return cache.bump(tenant, client);
  });
  await cache.afterCommit(tenant, version);
  return version;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return check();
}

/** Resolves once `bus` hears `topic` from another connection: its SUBSCRIBE is in place. */
async function subscribed(listener: InvalidationBus, sender: InvalidationBus): Promise<void> {
  let heard = false;
  listener.on('schema-test-probe', () => (heard = true));
  const ok = await until(async () => {
    await sender.publish('schema-test-probe', 'ping');
    return heard;
  }, 5_000);
  if (!ok) throw new Error('the bus never delivered a probe');
}

describe('SchemaCache on a real project', () => {
  let t: TestApp;
  let tenant: TenantContext;
  const buses: InvalidationBus[] = [];

  function newCache(options: SchemaCacheOptions = {}, redisUrl: string | null = TEST_REDIS_URL): SchemaCache {
    const bus = new InvalidationBus(redisUrl);
    buses.push(bus);
    return new SchemaCache(bus, { revalidateAfterMs: 0, ...options });
  }

  before(async () => {
    t = await TestApp.start();
    await t.createProject('cached');
    tenant = await tenantOf(t, 'cached');
  });

  after(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await t?.close();
  });

  it('builds once for 50 concurrent first readers', async () => {
    let builds = 0;
    const cache = newCache({
      build: (pool) => {
        builds++;
        return buildSchemaOverview(pool);
      },
    });
    const overviews = await Promise.all(Array.from({ length: 50 }, () => cache.get(tenant)));
    assert.equal(builds, 1);
    assert.equal(new Set(overviews).size, 1);
    assert.ok(overviews[0].collections.directus_users);
    assert.equal(await cache.get(tenant), overviews[0], 'cached until invalidated');
    assert.equal(cache.stats().builds, 1);
  });

  it('serves the new version after bump + invalidate, and nothing of a rolled-back change', async () => {
    const cache = newCache();
    const before = await cache.get(tenant);
    const version = await changeSchema(cache, tenant, 'CREATE TABLE bumped (id serial PRIMARY KEY)');
    assert.equal(version, before.version + 1);
    const afterChange = await cache.get(tenant);
    assert.equal(afterChange.version, version);
    assert.ok(afterChange.collections.bumped);

    await assert.rejects(
      inTransaction(await tenant.pool(), async (client) => {
        await client.query('CREATE TABLE never (id serial PRIMARY KEY)');
        await cache.bump(tenant, client);
        throw new Error('validation failed after the DDL');
      }),
      /validation failed/,
    );
    await cache.invalidate(tenant);
    const unchanged = await cache.get(tenant);
    assert.equal(unchanged.version, version, 'the bump rolled back with the DDL');
    assert.equal(unchanged.collections.never, undefined);
  });

  it('tells another instance through Redis within a second', async (ctx) => {
    if (SKIP_WITHOUT_REDIS) return ctx.skip(SKIP_WITHOUT_REDIS);
    const one = newCache();
    const two = newCache();
    await subscribed(buses[buses.length - 1], buses[buses.length - 2]);

    const seenByTwo = await two.get(tenant);
    const version = await changeSchema(one, tenant, 'CREATE TABLE shared_change (id serial PRIMARY KEY)');
    const started = Date.now();
    const arrived = await until(async () => (await two.get(tenant)).version === version, 1_000);
    const elapsed = Date.now() - started;
    ctx.diagnostic(`instance 2 served version ${version} ${elapsed} ms after instance 1 invalidated`);
    assert.ok(arrived, `instance 2 still serves version ${seenByTwo.version} after 1 s`);
    assert.ok((await two.get(tenant)).collections.shared_change);
    assert.equal(two.stats().builds, 2, 'one build before, one after: no polling of the database');
  });

  it('never reinstalls a snapshot built before a change that committed while it was built', async (ctx) => {
    if (SKIP_WITHOUT_REDIS) return ctx.skip(SKIP_WITHOUT_REDIS);
    // Instance 2's first build reads the catalog, then stalls (a slow network) until the change is out.
    let release!: () => void;
    const stalled = new Promise<void>((resolve) => (release = resolve));
    let builds = 0;
    const slowBuild = async (pool: Pool): Promise<SchemaOverview> => {
      const overview = await buildSchemaOverview(pool);
      if (++builds === 1) await stalled;
      return overview;
    };
    const one = newCache();
    const two = newCache({ build: slowBuild });
    const listener = buses[buses.length - 1];
    await subscribed(listener, buses[buses.length - 2]);
    let messages = 0;
    listener.on(SCHEMA_INVALIDATE_TOPIC, () => messages++);

    const early = two.get(tenant);
    await until(async () => builds === 1, 5_000);
    const version = await changeSchema(one, tenant, 'CREATE TABLE raced (id serial PRIMARY KEY)');
    assert.ok(await until(async () => messages > 0, 1_000), 'instance 2 heard the change');
    release();

    const first = await early;
    assert.equal(first.version, version, 'the stale build was redone before being handed out');
    assert.ok(first.collections.raced);
    assert.equal(await two.get(tenant), first, 'and the fresh one is what stays cached');
    assert.equal(builds, 2);
  });

  it('is provided by SchemaModule with the global bus', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [RedisModule.forRoot(null), SchemaModule],
    }).compile();
    try {
      const cache = moduleRef.get(SchemaCache);
      assert.ok(cache instanceof SchemaCache);
      assert.equal((await cache.get(tenant)).collections.directus_users.system, true);
    } finally {
      await moduleRef.close();
    }
  });

  it('keeps projects re-created under the same key apart', async () => {
    const cache = newCache({}, null);
    const original = await cache.get(tenant);
    const recreated: TenantContext = {
      ...tenant,
      project: Object.assign(Object.create(Object.getPrototypeOf(tenant.project)), tenant.project, {
        createdAt: new Date(tenant.project.createdAt.getTime() + 1),
      }),
    };
    const other = await cache.get(recreated);
    assert.notEqual(other, original);
    assert.equal(cache.stats().projects, 2);
  });
});
