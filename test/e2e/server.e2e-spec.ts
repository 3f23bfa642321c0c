import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';

describe('/server and /:project/server endpoints', () => {
  let t: TestApp;
  before(async () => {
    t = await TestApp.start();
    await t.createProject('shop', { name: 'The Shop' });
  });
  after(async () => {
    await t?.close();
  });

  it('pings globally and per project, GET and HEAD', async () => {
    for (const url of ['/server/ping', '/shop/server/ping']) {
      const get = await t.request('GET', url);
      assert.equal(get.status, 200);
      assert.equal(get.text, 'pong');
      assert.match(String(get.headers['content-type']), /^text\/plain/);
      const head = await t.request('HEAD', url);
      assert.equal(head.status, 200);
      assert.equal(head.text, '');
    }
  });

  it('answers 404 ROUTE_NOT_FOUND for unknown projects and routes', async () => {
    for (const url of [
      '/nosuch/server/ping',
      '/nosuch/server/info',
      '/nosuch',
      '/UPPER/server/ping',
      '/server/nothing',
      '/shop/nothing/here',
    ]) {
      const res = await t.request('GET', url);
      assert.equal(res.status, 404, url);
      assert.equal(res.body.errors[0].extensions.code, 'ROUTE_NOT_FOUND', url);
    }
  });

  it('shows public platform info to anyone and measurements to the super-admin', async () => {
    const anonymous = await t.request('GET', '/server/info');
    assert.equal(anonymous.status, 200);
    assert.deepEqual(Object.keys(anonymous.body.data), ['platform']);
    assert.equal(anonymous.body.data.platform.name, 'Atrium');

    const full = await t.admin('GET', '/server/info');
    assert.equal(full.status, 200);
    assert.equal(full.body.data.project_count, 1);
    assert.ok(full.body.data.usage > 0);
    assert.equal(typeof full.body.data.node.version, 'string');
    assert.equal(typeof full.body.data.os.totalmem, 'number');
    assert.deepEqual(full.body.data.defaults, {
      project: { quota_type: 'NONE', quota_size: null, rate_limit: { points: 0, duration: 1 } },
    });

    const wrong = await t.request('GET', '/server/info', { token: 'not-the-token' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.errors[0].extensions.code, 'INVALID_CREDENTIALS');
  });

  it('shows the project public info at /:project and /:project/server/info', async () => {
    for (const url of ['/shop', '/shop/server/info']) {
      const res = await t.request('GET', url);
      assert.equal(res.status, 200, url);
      assert.equal(res.body.data.project.project_name, 'The Shop');
      assert.equal(res.body.data.project.key, 'shop');
      assert.equal(res.body.data.node, undefined);
    }
    const admin = await t.admin('GET', '/shop/server/info');
    assert.equal(admin.body.data.project.project_name, 'The Shop');
    assert.equal(typeof admin.body.data.node.version, 'string');
    assert.equal(admin.body.data.stats.collection_count, 0);
  });

  it('reports health in the IETF format: status only for anonymous, checks for the super-admin', async () => {
    const anonymous = await t.request('GET', '/server/health');
    assert.equal(anonymous.status, 200);
    assert.match(String(anonymous.headers['content-type']), /application\/health\+json/);
    assert.deepEqual(Object.keys(anonymous.body), ['status']);
    assert.ok(['ok', 'warn'].includes(anonymous.body.status));

    const full = await t.admin('GET', '/server/health');
    assert.equal(full.status, 200);
    assert.ok(full.body.checks['pg:responseTime']);
    assert.ok(full.body.checks['tenantdb_default:responseTime']);
    assert.ok(full.body.checks['storage:local:responseTime']);
    assert.ok(full.body.checks['queue:responseTime']);
    const [assets] = full.body.checks['queue:assets'];
    assert.equal(assets.componentId, 'assets');
    assert.equal(assets.observedUnit, 'jobs');
    for (const count of ['waiting', 'active', 'delayed', 'failed'])
      assert.equal(typeof assets[count], 'number');
    assert.equal(full.body.checks['pg:responseTime'][0].componentType, 'datastore');
    assert.equal(typeof full.body.serviceId, 'string');

    const project = await t.admin('GET', '/shop/server/health');
    assert.equal(project.status, 200);
    assert.ok(project.body.checks['pg:connectionsAvailable']);
    const projectAnonymous = await t.request('GET', '/shop/server/health');
    assert.deepEqual(Object.keys(projectAnonymous.body), ['status']);
  });

  it('lists the tenant pools of this instance to the super-admin only', async () => {
    await t.request('GET', '/shop/server/ping');
    await t.admin('GET', '/shop/server/health');
    const pools = await t.admin('GET', '/server/pools');
    assert.equal(pools.status, 200);
    const shop = pools.body.data.find((row: { project: string }) => row.project === 'shop');
    assert.ok(shop, 'the pool /shop/server/health opened is listed');
    assert.equal(shop.open, true);
    assert.ok(shop.connections >= 1);
    assert.equal(shop.in_use, shop.connections - shop.idle);
    assert.equal(shop.leases, 0);
    assert.ok(!Number.isNaN(Date.parse(shop.last_used)));
    assert.equal(pools.body.meta.pools_open, pools.body.data.length);
    for (const limit of ['pools_max', 'connections_max', 'pool_size', 'connections_open'])
      assert.equal(typeof pools.body.meta[limit], 'number', limit);

    const anonymous = await t.request('GET', '/server/pools');
    assert.equal(anonymous.status, 403);
    assert.equal(anonymous.body.errors[0].extensions.code, 'FORBIDDEN');
    const wrong = await t.request('GET', '/server/pools', { token: 'not-the-token' });
    assert.equal(wrong.status, 401);
  });

  it('reports the in-process job queue as warn, not error, when no Redis is configured', async () => {
    const embedded = await TestApp.start({ REDIS_URL: '' });
    try {
      const health = await embedded.admin('GET', '/server/health');
      assert.equal(health.status, 200);
      assert.equal(health.body.status, 'warn');
      assert.equal(health.body.checks['queue:responseTime'][0].status, 'warn');
      assert.equal(health.body.checks['queue:assets'][0].observedValue, 0);
      assert.equal(health.body.checks['redis:responseTime'], undefined);
    } finally {
      await embedded.close();
    }
  });

  it('serves OpenAPI 3 for the platform and per project', async () => {
    const platform = await t.request('GET', '/server/specs/oas');
    assert.equal(platform.status, 200);
    assert.match(platform.body.openapi, /^3\./);
    assert.ok(platform.body.paths['/server/projects']);
    assert.ok(!Object.keys(platform.body.paths).some((p) => p.startsWith('/{project}')));
    const project = await t.request('GET', '/shop/server/specs/oas');
    assert.equal(project.status, 200);
    assert.ok(project.body.paths['/server/ping']);
    assert.match(project.body.servers[0].url, /\/shop$/);
  });

  it('answers 50 concurrent first requests to a cold project with 200', async () => {
    await t.createProject('cold');
    const results = await Promise.all(
      Array.from({ length: 50 }, () => t.request('GET', '/cold/server/info')),
    );
    assert.deepEqual(new Set(results.map((r) => r.status)), new Set([200]));
  });
});
