import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { projectCaller, refusal, userWithRules, type ProjectCaller } from './caller-fixture';
import { projectWithAdmin } from './system-data-fixture';

/**
 * Payload fields a system collection does not have, as Directus 11 treats them: the items service keeps only
 * the collection's fields before it writes, so they are dropped, for admins and for callers whose permission
 * allows `*`. A permission with a field list refuses any field outside it (403), unknown ones included.
 */
describe('unknown payload fields on system collections', () => {
  let t: TestApp;
  let admin: ProjectCaller;

  before(async () => {
    t = await TestApp.start();
    admin = projectCaller(t, 'odd', await projectWithAdmin(t, 'odd'));
  });
  after(async () => {
    await t?.close();
  });

  it('POST and PATCH /roles drop them and write the rest', async () => {
    const res = await admin.call('POST', '/roles', { name: 'Dropped', nonsense: 1 });
    assert.equal(res.status, 200, res.text);
    const id = res.body.data.id as string;
    const expected = {
      data: {
        id,
        name: 'Dropped',
        icon: 'supervised_user_circle',
        description: null,
        parent: null,
        users: [],
        policies: [],
        children: [],
      },
    };
    assert.deepEqual(res.body, expected);
    assert.deepEqual((await admin.ok('GET', `/roles/${id}`)).body, expected);

    const patched = await admin.call('PATCH', `/roles/${id}`, { description: 'Kept', nonsense: 2 });
    assert.equal(patched.status, 200, patched.text);
    const described = { data: { ...expected.data, description: 'Kept' } };
    assert.deepEqual(patched.body, described);
    // Nothing but unknown fields: nothing to write, the role read back as it is.
    const idle = await admin.call('PATCH', `/roles/${id}`, { nonsense: 3 });
    assert.equal(idle.status, 200, idle.text);
    assert.deepEqual(idle.body, described);
    assert.deepEqual((await admin.ok('GET', `/roles/${id}`)).body, described);
  });

  it('every writable system collection drops them', async () => {
    const role = (await admin.ok('POST', '/roles', { name: 'Holder' })).body.data.id;
    const policy = (await admin.ok('POST', '/policies', { name: 'Odd policy', nonsense: true })).body.data;
    assert.equal(Object.hasOwn(policy, 'nonsense'), false);
    // Each write, with the fields it reads back and what they hold.
    const writes: Array<{ method: string; url: string; body: Record<string, unknown>; data: unknown }> = [
      {
        method: 'POST',
        url: '/users?fields=email,first_name',
        body: { email: 'odd@odd.test', first_name: 'Odd' },
        data: { email: 'odd@odd.test', first_name: 'Odd' },
      },
      {
        method: 'POST',
        url: '/access?fields=role,policy',
        body: { role, policy: policy.id },
        data: { role, policy: policy.id },
      },
      {
        method: 'POST',
        url: '/permissions?fields=collection,action,fields',
        body: { policy: policy.id, collection: 'directus_folders', action: 'read', fields: ['id'] },
        data: { collection: 'directus_folders', action: 'read', fields: ['id'] },
      },
      {
        method: 'POST',
        url: '/folders?fields=name,parent',
        body: { name: 'Odd folder' },
        data: { name: 'Odd folder', parent: null },
      },
      {
        method: 'POST',
        url: '/presets?fields=collection,layout',
        body: { collection: 'directus_users', layout: 'tabular' },
        data: { collection: 'directus_users', layout: 'tabular' },
      },
      {
        method: 'PATCH',
        url: '/settings?fields=project_name',
        body: { project_name: 'Odd project' },
        data: { project_name: 'Odd project' },
      },
      {
        method: 'PATCH',
        url: `/policies/${policy.id}?fields=name,description`,
        body: { description: 'Odd' },
        data: { name: 'Odd policy', description: 'Odd' },
      },
    ];
    for (const { method, url, body, data } of writes) {
      const res = await admin.call(method, url, { ...body, nonsense: 'x', 'no such field': [1] });
      assert.equal(res.status, 200, `${method} ${url}: ${res.text}`);
      assert.deepEqual(res.body, { data }, `${method} ${url}`);
    }
  });

  it('a non-admin whose permission allows * has them dropped too', async () => {
    const filer = await userWithRules(t, 'odd', admin, 'filer@odd.test', [
      { collection: 'directus_folders', action: 'create', fields: ['*'] },
      { collection: 'directus_folders', action: 'read', fields: ['*'] },
    ]);
    const res = await filer.caller.call('POST', '/folders', { name: 'Filed', nonsense: 1 });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { data: { id: res.body.data.id, name: 'Filed', parent: null } });
  });

  it('a non-admin whose permission lists fields is refused any other field, unknown ones too (403)', async () => {
    const filer = await userWithRules(t, 'odd', admin, 'lister@odd.test', [
      { collection: 'directus_folders', action: 'create', fields: ['name'] },
      { collection: 'directus_folders', action: 'read', fields: ['*'] },
    ]);
    const res = await filer.caller.call('POST', '/folders', { name: 'Listed', nonsense: 1 });
    assert.deepEqual(refusal(res), { status: 403, code: 'FORBIDDEN' }, res.text);
    assert.deepEqual((await admin.ok('GET', '/folders?filter[name][_eq]=Listed')).body, { data: [] });
  });
});
