import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProjectStatsRefresher, TenantConnectionManager } from '@atrium/tenancy';
import { TestApp } from '../support/test-app';
import { projectCaller } from '../system-data/caller-fixture';
import { projectWithAdmin } from '../system-data/system-data-fixture';

const keysOf = (res: { body: { data: Array<{ key: string }> } }) => res.body.data.map((p) => p.key);

/**
 * `GET /server/projects` reads stored stats (issue 14): paging, sorting, search and a status filter in one
 * platform query; the stats are measured at provisioning and then in the background, never by the list.
 */
describe('/server/projects lists from stored stats', () => {
  let t: TestApp;

  before(async () => {
    // Stats count as stale at once, so each refresh measures again.
    t = await TestApp.start({ STATS_CACHE_TTL_MS: '0' });
    for (const [key, name] of [
      ['alpha', 'Alpha Books'],
      ['bravo', 'Bravo Bikes'],
      ['charlie', 'Charlie Cafe'],
      ['delta', 'Delta Books'],
    ]) {
      await projectWithAdmin(t, key, { name });
    }
    const suspended = await t.admin('PATCH', '/server/projects/delta', { body: { status: 'suspended' } });
    assert.equal(suspended.status, 200, suspended.text);
  });
  after(async () => {
    await t?.close();
  });

  it('lists every project with the stats measured when it was provisioned', async () => {
    const res = await t.admin('GET', '/server/projects');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(keysOf(res), ['alpha', 'bravo', 'charlie', 'delta']);
    const alpha = res.body.data[0];
    assert.equal(alpha.collection_count, 0);
    assert.ok(alpha.size > 0);
    assert.equal(res.body.data[3].size, null, 'a suspended project shows no stats');
    assert.equal(res.body.meta, undefined);
  });

  it('pages, sorts, searches and filters by status, with total and filter counts', async () => {
    const page = await t.admin('GET', '/server/projects?limit=2&page=2&meta=total_count,filter_count');
    assert.deepEqual(keysOf(page), ['charlie', 'delta']);
    assert.deepEqual(page.body.meta, { total_count: 4, filter_count: 4 });
    assert.deepEqual(keysOf(await t.admin('GET', '/server/projects?sort=-key&limit=1&offset=1')), [
      'charlie',
    ]);
    const books = await t.admin('GET', '/server/projects?search=books&meta=*');
    assert.deepEqual(keysOf(books), ['alpha', 'delta']);
    assert.deepEqual(books.body.meta, { total_count: 4, filter_count: 2 });
    assert.deepEqual(keysOf(await t.admin('GET', '/server/projects?filter[status][_eq]=suspended')), [
      'delta',
    ]);
    assert.deepEqual(keysOf(await t.admin('GET', '/server/projects?filter[status]=active&search=a%25')), []);
    const past = await t.admin('GET', '/server/projects?offset=10&meta=filter_count');
    assert.deepEqual(past.body, { data: [], meta: { filter_count: 4 } });
  });

  it('refuses a bad list query with 400 INVALID_QUERY', async () => {
    for (const query of [
      'sort=password',
      'limit=abc',
      'limit=5000',
      'offset=-1',
      'filter[status]=gone',
      'filter[name]=x',
      'filter[status][_neq]=active',
    ]) {
      const res = await t.admin('GET', `/server/projects?${query}`);
      assert.equal(res.status, 400, `${query}: ${res.text}`);
      assert.equal(res.body.errors[0].extensions.code, 'INVALID_QUERY', query);
    }
  });

  it('shows new data once the background refresh measured it, and sorts by a measured figure', async () => {
    const bravo = projectCaller(t, 'bravo', 'bravo-admin-token');
    await bravo.ok('POST', '/collections', {
      collection: 'rides',
      fields: [{ field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } }],
    });
    await bravo.ok('POST', '/items/rides', [{}, {}, {}]);
    const before = await t.admin('GET', '/server/projects?filter[status]=active&sort=-entry_count');
    assert.equal(
      before.body.data.find((p: { key: string }) => p.key === 'bravo').entry_count,
      0,
      'not measured yet',
    );
    const refresher = t.app.get(ProjectStatsRefresher);
    await refresher.refresh();
    const after = await t.admin('GET', '/server/projects?filter[status]=active&sort=-entry_count');
    assert.deepEqual(keysOf(after), ['bravo', 'alpha', 'charlie']);
    assert.equal(after.body.data[0].entry_count, 3);
    assert.equal(after.body.data[0].collection_count, 1);
    const info = await t.admin('GET', '/server/info');
    assert.equal(info.body.data.project_count, 4);
    const sizes = after.body.data.reduce((sum: number, p: { size: number }) => sum + p.size, 0);
    assert.equal(info.body.data.usage, sizes);
  });

  it('measures a project without a pool open on a connection of its own, opening no pool', async () => {
    const connections = t.app.get(TenantConnectionManager);
    connections.evict('charlie');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const pools = connections.openPools();
    const client = await t.tenantClient('charlie');
    await client.query('CREATE TABLE cups (id serial PRIMARY KEY)');
    await client.query('INSERT INTO cups DEFAULT VALUES');
    await client.end();
    await t.app.get(ProjectStatsRefresher).refresh();
    assert.equal(connections.openPools(), pools, 'no pool was opened');
    const listed = await t.admin('GET', '/server/projects?search=charlie');
    assert.equal(listed.body.data[0].entry_count, 1);
  });
});
