import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { errorCode, projectWithAdmin, tenantRows } from './system-data-fixture';

/** Directus refuses changes that would leave a project without an admin user. */
describe('the last admin', () => {
  let t: TestApp;
  let token: string;
  let adminId: string;
  let adminRole: string;
  let adminPolicy: string;
  let adminAccess: string;
  const call = (method: string, url: string, body?: unknown) =>
    t.request(method, `/acme${url}`, { token, ...(body === undefined ? {} : { body }) });

  before(async () => {
    t = await TestApp.start();
    token = await projectWithAdmin(t, 'acme');
    const me = await call('GET', '/users/me?fields=id,role');
    adminId = me.body.data.id;
    adminRole = me.body.data.role;
    const [link] = await tenantRows<{ id: string; policy: string }>(
      t,
      'acme',
      'SELECT id, policy FROM directus_access WHERE role = $1',
      [adminRole],
    );
    adminAccess = link.id;
    adminPolicy = link.policy;
  });
  after(async () => {
    await t?.close();
  });

  const refusals: Array<[string, string, string, () => unknown]> = [
    ['suspending the only admin', 'PATCH', '/users/:admin', () => ({ status: 'suspended' })],
    ['taking away their role', 'PATCH', '/users/:admin', () => ({ role: null })],
    ['deleting them', 'DELETE', '/users/:admin', () => undefined],
    ['deleting them in a batch', 'DELETE', '/users', () => ({ query: { filter: {} } })],
    ['removing admin access from the policy', 'PATCH', '/policies/:policy', () => ({ admin_access: false })],
    ['deleting the policy', 'DELETE', '/policies/:policy', () => undefined],
    ['deleting the access row', 'DELETE', '/access/:access', () => undefined],
    ['moving the access row to the public', 'PATCH', '/access/:access', () => ({ role: null })],
    ['deleting the role', 'DELETE', '/roles/:role', () => undefined],
    // The same changes made as nested writes through the one items engine.
    [
      'detaching the policy from the role',
      'PATCH',
      '/roles/:role',
      () => ({ policies: { delete: [adminAccess] } }),
    ],
    ['replacing the role’s policies with none', 'PATCH', '/roles/:role', () => ({ policies: [] })],
    [
      'turning admin access off through the role’s policy',
      'PATCH',
      '/roles/:role',
      () => ({
        policies: { update: [{ id: adminAccess, policy: { id: adminPolicy, admin_access: false } }] },
      }),
    ],
    [
      'suspending the admin through their role',
      'PATCH',
      '/roles/:role',
      () => ({ users: { update: [{ id: adminId, status: 'suspended' }] } }),
    ],
    ['moving the admin out of their role', 'PATCH', '/roles/:role', () => ({ users: [] })],
    [
      'removing the role’s admin access row from the policy',
      'PATCH',
      '/policies/:policy',
      () => ({ roles: [] }),
    ],
  ];
  for (const [name, method, path, body] of refusals) {
    it(`refuses ${name} (400 INVALID_PAYLOAD)`, async () => {
      const url = path
        .replace(':admin', adminId)
        .replace(':policy', adminPolicy)
        .replace(':access', adminAccess)
        .replace(':role', adminRole);
      const res = await call(method, url, body());
      assert.equal(res.status, 400, res.text);
      assert.equal(errorCode(res), 'INVALID_PAYLOAD');
      assert.match(res.body.errors[0].extensions.reason, /without an active admin/);
    });
  }

  it('allows it once another active admin exists', async () => {
    const second = await call('POST', '/users', { email: 'second@acme.test', role: adminRole });
    assert.equal(second.status, 200);
    const res = await call('PATCH', `/users/${second.body.data.id}`, { status: 'suspended' });
    assert.equal(res.status, 200);
    const stillOnlyOne = await call('PATCH', `/users/${adminId}`, { status: 'suspended' });
    assert.equal(errorCode(stillOnlyOne), 'INVALID_PAYLOAD');
    await call('PATCH', `/users/${second.body.data.id}`, { status: 'active' });
    const direct = await call('POST', '/access', { user: second.body.data.id, policy: adminPolicy });
    assert.equal(direct.status, 200);
    const demote = await call('PATCH', `/users/${adminId}`, { role: null });
    assert.equal(demote.status, 200, demote.text);
  });
});
