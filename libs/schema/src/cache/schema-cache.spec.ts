import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidationBus } from '@atrium/redis';
import {
  encodeProjectDeleted,
  PROJECT_DELETED_TOPIC,
  projectInstanceId,
  type ProjectEntity,
  type TenantContext,
} from '@atrium/tenancy';
import type { ClientBase, Pool } from 'pg';
import type { SchemaOverview } from '../overview/schema-overview';
import { SchemaCache, type SchemaCacheOptions } from './schema-cache';
import { encodeSchemaInvalidation, SCHEMA_INVALIDATE_TOPIC } from './schema-invalidation';

/** A project database reduced to its version row, and a builder whose builds can be held back. */
class FakeProject {
  version = 1;
  /** What the next builds report (a lagging replica); the version row when empty. */
  readonly reported: number[] = [];
  gate: Promise<void> | null = null;
  readonly tenant: TenantContext;

  constructor(key = 'blog', createdAt = 1_700_000_000_000) {
    const project = { key, dbServer: 'main', dbName: `atrium_${key}`, createdAt: new Date(createdAt) };
    const pool = {
      query: async (sql: string) => {
        if (sql.startsWith('INSERT')) this.version++;
        return { rows: [{ version: String(this.version) }] };
      },
    };
    this.tenant = { key, project: project as ProjectEntity, pool: async () => pool as unknown as Pool };
  }

  readonly build = async (): Promise<SchemaOverview> => {
    const version = this.reported.shift() ?? this.version;
    await this.gate;
    return Object.freeze({ version, collections: Object.freeze({}), relations: Object.freeze([]) });
  };
}

function setup(options: SchemaCacheOptions = {}, project = new FakeProject()) {
  const bus = new InvalidationBus(null);
  const cache = new SchemaCache(bus, { build: project.build, revalidateAfterMs: 0, ...options });
  return { bus, cache, project, tenant: project.tenant };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('SchemaCache', () => {
  it('builds once for 50 concurrent readers and keeps the result', async () => {
    const { cache, tenant } = setup();
    const overviews = await Promise.all(Array.from({ length: 50 }, () => cache.get(tenant)));
    assert.equal(new Set(overviews).size, 1);
    assert.equal(await cache.get(tenant), overviews[0]);
    assert.deepEqual(cache.stats(), { projects: 1, builds: 1 });
  });

  it('serves the bumped version after invalidate', async () => {
    const { cache, tenant } = setup();
    assert.equal((await cache.get(tenant)).version, 1);
    const version = await cache.bump(tenant);
    assert.equal(version, 2);
    await cache.afterCommit(tenant, version);
    assert.equal((await cache.get(tenant)).version, 2);
    assert.equal(cache.stats().builds, 2);
  });

  it('drops every copy when invalidate is not told the version (DDL made outside the API)', async () => {
    const { cache, tenant } = setup();
    const first = await cache.get(tenant);
    await cache.invalidate(tenant);
    const second = await cache.get(tenant);
    assert.notEqual(second, first);
    assert.equal(second.version, 1);
  });

  it('bumps inside the caller transaction when given its client', async () => {
    const { cache, tenant, project } = setup();
    const seen: string[] = [];
    const client = {
      query: async (sql: string) => {
        seen.push(sql);
        return { rows: [{ version: '41' }] };
      },
    } as unknown as ClientBase;
    assert.equal(await cache.bump(tenant, client), 41);
    assert.equal(seen.length, 1);
    assert.equal(project.version, 1, 'the pool was not used');
  });

  it('does not hand out or keep a build that started before the change committed', async () => {
    const { cache, tenant, project } = setup();
    const gate = deferred();
    project.gate = gate.promise;
    const early = cache.get(tenant); // reads version 1, then waits
    await new Promise((resolve) => setImmediate(resolve));
    const version = await cache.bump(tenant);
    await cache.invalidate(tenant, version);
    const late = cache.get(tenant);
    project.gate = null;
    gate.resolve();
    assert.equal((await early).version, 2, 'the stale build was redone');
    assert.equal((await late).version, 2);
    assert.equal((await cache.get(tenant)).version, 2);
  });

  it('rebuilds while the database still shows an older version than a peer announced', async () => {
    const { bus, cache, tenant, project } = setup();
    const id = projectInstanceId(tenant.project);
    await bus.publish(SCHEMA_INVALIDATE_TOPIC, encodeSchemaInvalidation({ project: id, version: 3 }));
    project.version = 3;
    project.reported.push(2); // the first build still sees the old catalog
    assert.equal((await cache.get(tenant)).version, 3);
    assert.equal(cache.stats().builds, 2);
  });

  it('accepts the database version after a few attempts rather than rebuilding forever', async () => {
    const { bus, cache, tenant } = setup();
    const id = projectInstanceId(tenant.project);
    await bus.publish(SCHEMA_INVALIDATE_TOPIC, encodeSchemaInvalidation({ project: id, version: 9 }));
    assert.equal((await cache.get(tenant)).version, 1);
    assert.equal(cache.stats().builds, 3);
    await cache.get(tenant);
    assert.equal(cache.stats().builds, 3, 'then it is cached');
  });

  it('keeps a copy already at the announced version (the publisher hears its own message back)', async () => {
    const { bus, cache, tenant } = setup();
    const id = projectInstanceId(tenant.project);
    const first = await cache.get(tenant);
    await bus.publish(SCHEMA_INVALIDATE_TOPIC, encodeSchemaInvalidation({ project: id, version: 1 }));
    assert.equal(await cache.get(tenant), first);
    await bus.publish(SCHEMA_INVALIDATE_TOPIC, encodeSchemaInvalidation({ project: id, version: null }));
    assert.notEqual(await cache.get(tenant), first, 'a message without a version drops every copy');
  });

  it('ignores other projects, other provisionings of the same key, and malformed messages', async () => {
    const { bus, cache, tenant } = setup();
    const first = await cache.get(tenant);
    const recreated = new FakeProject('blog', 1_800_000_000_000).tenant;
    await bus.publish(
      SCHEMA_INVALIDATE_TOPIC,
      encodeSchemaInvalidation({ project: projectInstanceId(recreated.project), version: null }),
    );
    await bus.publish(SCHEMA_INVALIDATE_TOPIC, 'blog');
    await bus.publish(SCHEMA_INVALIDATE_TOPIC, encodeSchemaInvalidation({ project: 'blog', version: null }));
    assert.equal(await cache.get(tenant), first);
  });

  it('frees a deleted project’s overview, and only that provisioning’s', async () => {
    const { bus, cache, tenant } = setup();
    const other = new FakeProject('shop');
    await cache.get(tenant);
    await cache.get(other.tenant);
    await bus.publish(PROJECT_DELETED_TOPIC, encodeProjectDeleted(new FakeProject('shop', 1).tenant.project));
    assert.equal(cache.stats().projects, 2, 'another provisioning of "shop" was deleted');
    await bus.publish(PROJECT_DELETED_TOPIC, encodeProjectDeleted(other.tenant.project));
    assert.equal(cache.stats().projects, 1);
    await cache.get(other.tenant);
    assert.equal(cache.stats().builds, 3, 'read again, it is rebuilt');
  });

  it('forgets a failed build so the next reader retries', async () => {
    const project = new FakeProject();
    let fail = true;
    const { cache, tenant } = setup({
      build: async () => {
        if (fail) throw new Error('connection refused');
        return project.build();
      },
    });
    await assert.rejects(cache.get(tenant), /connection refused/);
    fail = false;
    assert.equal((await cache.get(tenant)).version, 1);
  });

  it('drops the least recently used project beyond the cap', async () => {
    const { cache } = setup({ maxProjects: 2 });
    const [a, b, c] = ['a', 'b', 'c'].map((key) => new FakeProject(key).tenant);
    // Each fake project builds through the shared builder of the default FakeProject: versions do not matter here.
    await cache.get(a);
    await cache.get(b);
    await cache.get(a); // a is now the most recent
    await cache.get(c); // evicts b
    assert.equal(cache.stats().projects, 2);
    const builds = cache.stats().builds;
    await cache.get(a);
    assert.equal(cache.stats().builds, builds, 'a stayed');
    await cache.get(b);
    assert.equal(cache.stats().builds, builds + 1, 'b was rebuilt');
  });

  it('notices a change whose message was lost once the copy is old', async () => {
    const { cache, tenant, project } = setup({ revalidateAfterMs: 1 });
    await cache.get(tenant);
    project.version = 5; // committed elsewhere, message lost
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal((await cache.get(tenant)).version, 1, 'the read itself is answered from the cache');
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal((await cache.get(tenant)).version, 5);
  });
});
