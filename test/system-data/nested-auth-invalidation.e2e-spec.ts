import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { projectCaller, refusal, userWithRules, type ProjectCaller } from './caller-fixture';
import { projectWithAdmin } from './system-data-fixture';

/**
 * A change to who may do what, made as a nested write (a role's `policies`, a policy's `permissions`), takes
 * effect on the very next request: the write session announces it like a direct write to those collections,
 * so no cached grants, token identity or policy flags outlive it.
 */
describe('access changed through nested writes takes effect at once', () => {
  let t: TestApp;
  let admin: ProjectCaller;

  before(async () => {
    t = await TestApp.start();
    admin = projectCaller(t, 'gate', await projectWithAdmin(t, 'gate'));
    await admin.ok('POST', '/collections', {
      collection: 'notes',
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'body', type: 'string' },
      ],
    });
    await admin.ok('POST', '/items/notes', { body: 'hello' });
  });
  after(async () => {
    await t?.close();
  });

  it("a permission deleted and created again through its policy's nested permissions", async () => {
    const reader = await userWithRules(t, 'gate', admin, 'reader@gate.test', [
      { collection: 'notes', action: 'read', fields: ['*'] },
    ]);
    assert.deepEqual((await reader.caller.ok('GET', '/items/notes?fields=body')).body.data, [
      { body: 'hello' },
    ]);
    const [rule] = (await admin.ok('GET', `/permissions?filter[policy][_eq]=${reader.policy}&fields=id`)).body
      .data;

    await admin.ok('PATCH', `/policies/${reader.policy}`, { permissions: { delete: [rule.id] } });
    assert.deepEqual(refusal(await reader.caller.call('GET', '/items/notes')), {
      status: 403,
      code: 'FORBIDDEN',
    });

    await admin.ok('PATCH', `/policies/${reader.policy}`, {
      permissions: { create: [{ collection: 'notes', action: 'read', fields: ['body'] }] },
    });
    assert.deepEqual((await reader.caller.ok('GET', '/items/notes?fields=body')).body.data, [
      { body: 'hello' },
    ]);
  });

  it("a role's policies created nested, then replaced with none", async () => {
    const role = await admin.ok('POST', '/roles', {
      name: 'Note readers',
      policies: [
        {
          policy: {
            name: 'Reading notes',
            permissions: [{ collection: 'notes', action: 'read', fields: ['*'] }],
          },
        },
      ],
    });
    const token = 'role-member-static-token-0123456789';
    await admin.ok('POST', '/users', { email: 'member@gate.test', role: role.body.data.id, token });
    const member = projectCaller(t, 'gate', token);
    assert.equal((await member.ok('GET', '/items/notes')).body.data.length, 1);

    await admin.ok('PATCH', `/roles/${role.body.data.id}`, { policies: [] });
    assert.deepEqual(refusal(await member.call('GET', '/items/notes')), { status: 403, code: 'FORBIDDEN' });
  });

  it('admin access given through a nested policy applies to the next request', async () => {
    const plain = await userWithRules(t, 'gate', admin, 'plain@gate.test', []);
    assert.equal((await plain.caller.call('GET', '/roles')).status, 403);
    await admin.ok('PATCH', `/policies/${plain.policy}`, { admin_access: true });
    assert.equal((await plain.caller.call('GET', '/roles')).status, 200);
    const role = (await admin.ok('POST', '/roles', { name: 'Empty' })).body.data.id;
    await admin.ok('PATCH', `/roles/${role}`, {
      users: [{ email: 'promoted@gate.test', token: 'promoted-static-token-0123456789' }],
    });
    const promoted = projectCaller(t, 'gate', 'promoted-static-token-0123456789');
    assert.equal((await promoted.call('GET', '/roles')).status, 403);
    await admin.ok('PATCH', `/roles/${role}`, {
      policies: { create: [{ policy: { name: 'Admins too', admin_access: true } }] },
    });
    assert.equal((await promoted.call('GET', '/roles')).status, 200);
  });
});
