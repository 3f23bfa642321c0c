import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { errorCode, projectWithAdmin } from './system-data-fixture';

const MASK = '**********';

/** System reads under non-admin access: the role chain, the public policy, secrets, `ip_access`. */
describe('system data under non-admin access', () => {
  let t: TestApp;
  let token: string;
  const call = (method: string, url: string, body?: unknown, as = token) =>
    t.request(method, `/gate${url}`, { token: as, ...(body === undefined ? {} : { body }) });
  const anonymous = (url: string) => t.request('GET', `/gate${url}`);
  const ok = async (method: string, url: string, body?: unknown) => {
    const res = await call(method, url, body);
    assert.equal(res.status, 200, `${method} ${url}: ${res.text}`);
    return res.body.data;
  };
  /** A user of `role` with a static token. */
  const userOf = async (email: string, role: string | null): Promise<string> => {
    const userToken = `${email.split('@')[0]}-static-token-0123456789`;
    await ok('POST', '/users', { email, role, token: userToken });
    return userToken;
  };

  before(async () => {
    t = await TestApp.start();
    token = await projectWithAdmin(t, 'gate');
  });
  after(async () => {
    await t?.close();
  });

  it("reparenting a role gives its users the new ancestor's policies at once", async () => {
    const staff = (await ok('POST', '/roles', { name: 'Staff' })).id;
    const readers = (await ok('POST', '/policies', { name: 'User readers' })).id;
    await ok('POST', '/permissions', {
      policy: readers,
      collection: 'directus_users',
      action: 'read',
      fields: ['id', 'email'],
    });
    await ok('POST', '/access', { role: staff, policy: readers });
    const junior = (await ok('POST', '/roles', { name: 'Junior' })).id;
    const juniorToken = await userOf('junior@gate.test', junior);
    // Loaded (and cached) before the change.
    assert.equal((await call('GET', '/users?fields=id', undefined, juniorToken)).status, 403);
    assert.deepEqual((await call('GET', '/roles/me?fields=id', undefined, juniorToken)).body.data, [
      { id: junior },
    ]);

    await ok('PATCH', `/roles/${junior}`, { parent: staff });
    const users = await call('GET', '/users?fields=email&sort=email', undefined, juniorToken);
    assert.equal(users.status, 200, users.text);
    assert.ok(users.body.data.some((row: { email: string }) => row.email === 'junior@gate.test'));
    assert.deepEqual((await call('GET', '/roles/me?fields=id', undefined, juniorToken)).body.data, [
      { id: junior },
      { id: staff },
    ]);

    await ok('PATCH', `/roles/${junior}`, { parent: null });
    assert.equal((await call('GET', '/users?fields=id', undefined, juniorToken)).status, 403);
  });

  it('anonymous /users reads follow the public policy', async () => {
    const [publicAccess] = await ok(
      'GET',
      '/access?filter[role][_null]=true&filter[user][_null]=true&fields=policy',
    );
    assert.equal(errorCode(await anonymous('/users?fields=email')), 'FORBIDDEN');
    const rule = await ok('POST', '/permissions', {
      policy: publicAccess.policy,
      collection: 'directus_users',
      action: 'read',
      fields: ['email'],
      permissions: { email: { _eq: 'admin@gate.test' } },
    });
    const res = await anonymous('/users?fields=email');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data, [{ email: 'admin@gate.test' }]);
    assert.equal(errorCode(await anonymous('/users?fields=id')), 'FORBIDDEN');
    await call('DELETE', `/permissions/${rule.id}`);
    assert.equal(errorCode(await anonymous('/users?fields=email')), 'FORBIDDEN');
  });

  it('a role that reads every field of users still sees secrets masked, and cannot filter on them', async () => {
    const auditors = (await ok('POST', '/roles', { name: 'Auditors' })).id;
    const policy = (await ok('POST', '/policies', { name: 'Audit users' })).id;
    await ok('POST', '/permissions', { policy, collection: 'directus_users', action: 'read', fields: ['*'] });
    await ok('POST', '/access', { role: auditors, policy });
    const auditorToken = await userOf('auditor@gate.test', auditors);
    const res = await call(
      'GET',
      '/users?fields=email,token,password&filter[email][_eq]=auditor@gate.test',
      undefined,
      auditorToken,
    );
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data, [{ email: 'auditor@gate.test', token: MASK, password: null }]);
    const byToken = await call('GET', '/users?filter[token][_nnull]=true', undefined, auditorToken);
    assert.ok(byToken.status >= 400 && byToken.status < 500, byToken.text);
  });

  it('/policies/me/globals counts only the policies whose ip_access admits the caller', async () => {
    const remote = (await ok('POST', '/roles', { name: 'Remote' })).id;
    const policy = (
      await ok('POST', '/policies', {
        name: 'Office app',
        app_access: true,
        enforce_tfa: true,
        ip_access: ['10.0.0.0/8'],
      })
    ).id;
    await ok('POST', '/access', { role: remote, policy });
    const remoteToken = await userOf('remote@gate.test', remote);
    const outside = await call('GET', '/policies/me/globals', undefined, remoteToken);
    assert.deepEqual(outside.body, { data: { app_access: false, admin_access: false, enforce_tfa: false } });
    await ok('PATCH', `/policies/${policy}`, { ip_access: ['10.0.0.0/8', '127.0.0.0/8'] });
    const inside = await call('GET', '/policies/me/globals', undefined, remoteToken);
    assert.deepEqual(inside.body, { data: { app_access: true, admin_access: false, enforce_tfa: true } });
  });
});
