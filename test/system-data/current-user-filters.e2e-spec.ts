import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { projectCaller, type ProjectCaller } from './caller-fixture';
import { projectWithAdmin } from './system-data-fixture';

/**
 * `$CURRENT_USER.<path>` in the query filter of system reads: Directus fetches what the filter's variables
 * name (the caller's own fields, and paths through their relations such as `role.name`) before parsing it, so
 * the filter compares against the caller's values. The readers' permissions here use no variables, so nothing
 * but the query's own variables can bring those values in.
 */
describe('$CURRENT_USER paths in system query filters', () => {
  let t: TestApp;
  let admin: ProjectCaller;
  let reviewer: ProjectCaller;
  let reviewers: string;

  before(async () => {
    t = await TestApp.start();
    admin = projectCaller(t, 'who', await projectWithAdmin(t, 'who'));
    reviewers = (await admin.ok('POST', '/roles', { name: 'Reviewers' })).body.data.id;
    const others = (await admin.ok('POST', '/roles', { name: 'Others' })).body.data.id;
    const policy = (await admin.ok('POST', '/policies', { name: 'Reviewing' })).body.data.id;
    await admin.ok('POST', '/access', { role: reviewers, policy });
    for (const rule of [
      { collection: 'directus_users', action: 'read', fields: ['id', 'email', 'role'] },
      { collection: 'directus_roles', action: 'read', fields: ['id', 'name'] },
    ])
      await admin.ok('POST', '/permissions', { policy, ...rule });
    const token = 'rita-static-token-0123456789';
    await admin.ok('POST', '/users', { email: 'rita@who.test', role: reviewers, token });
    await admin.ok('POST', '/users', { email: 'ravi@who.test', role: reviewers });
    await admin.ok('POST', '/users', { email: 'otto@who.test', role: others });
    reviewer = projectCaller(t, 'who', token);
  });
  after(async () => {
    await t?.close();
  });

  const emails = async (caller: ProjectCaller, filter: string) =>
    (await caller.ok('GET', `/users?fields=email&sort=email&${filter}`)).body;

  it('$CURRENT_USER and $CURRENT_USER.id name the caller', async () => {
    assert.deepEqual(await emails(reviewer, 'filter[id][_eq]=$CURRENT_USER'), {
      data: [{ email: 'rita@who.test' }],
    });
    assert.deepEqual(await emails(reviewer, 'filter[id][_eq]=$CURRENT_USER.id'), {
      data: [{ email: 'rita@who.test' }],
    });
    assert.deepEqual(await emails(reviewer, 'filter[email][_eq]=$CURRENT_USER.email'), {
      data: [{ email: 'rita@who.test' }],
    });
  });

  it("$CURRENT_USER.role gives the users of the caller's role", async () => {
    assert.deepEqual(await emails(reviewer, 'filter[role][_eq]=$CURRENT_USER.role'), {
      data: [{ email: 'ravi@who.test' }, { email: 'rita@who.test' }],
    });
  });

  it('$CURRENT_USER.role.name follows the path through the role', async () => {
    assert.deepEqual(await emails(reviewer, 'filter[role][name][_eq]=$CURRENT_USER.role.name'), {
      data: [{ email: 'ravi@who.test' }, { email: 'rita@who.test' }],
    });
  });

  it('other system collections resolve them too: /roles by $CURRENT_USER.role', async () => {
    assert.deepEqual(
      (await reviewer.ok('GET', '/roles?fields=id,name&filter[id][_eq]=$CURRENT_USER.role')).body,
      { data: [{ id: reviewers, name: 'Reviewers' }] },
    );
    assert.deepEqual(
      (await reviewer.ok('GET', '/roles?fields=name&filter[name][_eq]=$CURRENT_USER.role.name')).body,
      { data: [{ name: 'Reviewers' }] },
    );
  });

  it('an admin’s filters resolve them as well', async () => {
    const me = (await admin.ok('GET', '/users/me?fields=id,email')).body.data;
    assert.deepEqual(
      (await admin.ok('GET', '/users?fields=id,email&filter[role][_eq]=$CURRENT_USER.role')).body,
      { data: [{ id: me.id, email: me.email }] },
    );
    assert.deepEqual(
      (await admin.ok('GET', '/users?fields=id&filter[role][name][_eq]=$CURRENT_USER.role.name')).body,
      { data: [{ id: me.id }] },
    );
  });
});
