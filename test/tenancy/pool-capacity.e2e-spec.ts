import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProjectRegistry, TenantConnectionManager } from '@atrium/tenancy';
import { TestApp } from '../support/test-app';

async function login(t: TestApp, key: string): Promise<string> {
  const response = await t.request('POST', `/${key}/auth/login`, {
    body: { email: `admin@${key}.test`, password: 'password-123' },
  });
  assert.equal(response.status, 200, response.text);
  return response.body.data.access_token;
}

async function projectRow(t: TestApp, key: string) {
  const project = await t.app.get(ProjectRegistry).findFresh(key);
  if (!project) throw new Error(`no project ${key}`);
  return project;
}

/** Records when a pending request settles, so a test can say it is still waiting. */
function watched<T>(pending: Promise<T>): { settled: () => boolean; result: Promise<T> } {
  let settled = false;
  const result = pending.finally(() => (settled = true));
  return { settled: () => settled, result };
}

// More active projects than TENANT_POOLS_MAX: capacity eviction must never end a pool a request uses, and a
// request that finds every place busy waits for one instead of failing.
describe('tenant pools with more active projects than TENANT_POOLS_MAX', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  before(async () => {
    t = await TestApp.start({ TENANT_POOLS_MAX: '1', TENANT_POOL_SIZE: '3' });
    for (const key of ['alpha', 'beta']) {
      await t.createProject(key);
      tokens[key] = await login(t, key);
    }
  });
  after(async () => {
    await t?.close();
  });

  it('serves 240 reads alternating between two projects, 24 at a time, without one failure', async () => {
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < 240) {
        const key = next++ % 2 === 0 ? 'alpha' : 'beta';
        const response = await t.request('GET', `/${key}/users?fields=email`, { token: tokens[key] });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 200) assert.equal(response.body.data[0].email, `admin@${key}.test`);
      }
    };
    await Promise.all(Array.from({ length: 24 }, worker));
    assert.deepEqual(Object.fromEntries(statuses), { 200: 240 });
    assert.equal(t.app.get(TenantConnectionManager).openPools(), 1);
  });

  it('keeps a pool under a long query on one project while another waits to open, then opens it', async () => {
    const connections = t.app.get(TenantConnectionManager);
    const lease = await connections.lease(await projectRow(t, 'alpha'));
    const long = lease.pool.query('SELECT pg_sleep(0.5)');
    const beta = watched(t.request('GET', '/beta/users?fields=email', { token: tokens.beta }));
    await long;
    assert.equal(beta.settled(), false, 'beta waits for a free place instead of evicting a pool in use');
    const { rows } = await lease.pool.query<{ one: number }>('SELECT 1 AS one');
    assert.equal(rows[0].one, 1, 'the leased pool was not ended under its user');
    lease.release();
    const response = await beta.result;
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.data[0].email, 'admin@beta.test');
  });
});

describe('a request that finds no free pool in time', () => {
  let t: TestApp;
  before(async () => {
    t = await TestApp.start({ TENANT_POOLS_MAX: '1', TENANT_CONNECT_TIMEOUT_MS: '400' });
    await t.createProject('held');
    await t.createProject('waiting');
  });
  after(async () => {
    await t?.close();
  });

  it('is answered 503 SERVICE_UNAVAILABLE after TENANT_CONNECT_TIMEOUT_MS, and served once a place frees', async () => {
    const token = await login(t, 'waiting');
    const connections = t.app.get(TenantConnectionManager);
    const lease = await connections.lease(await projectRow(t, 'held'));
    try {
      const started = Date.now();
      const refused = await t.request('GET', '/waiting/users', { token });
      assert.equal(refused.status, 503, refused.text);
      assert.equal(refused.body.errors[0].extensions.code, 'SERVICE_UNAVAILABLE');
      assert.ok(Date.now() - started >= 350, 'it waited before giving up');
    } finally {
      lease.release();
    }
    const served = await t.request('GET', '/waiting/users', { token });
    assert.equal(served.status, 200, served.text);
  });
});
