import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { adminCaller, type Caller, idField } from './items-fixture';

const READER_TOKEN = 'reused-reads-reader-token';

/**
 * A GET read is compiled once and its statement reused by the requests that repeat it (issue 14). What a
 * reused statement answers must be what a fresh compilation would: per project, per item key, after a
 * schema change and after a permission change.
 */
describe('reused reads', () => {
  let t: TestApp;
  let alpha: Caller;
  let alphaAnswer: Caller;
  let beta: Caller;
  let policy: string;
  let permission: string;

  async function notes(ok: Caller, rows: Array<{ title: string; secret: string }>) {
    await ok('POST', '/collections', {
      collection: 'notes',
      fields: [
        idField,
        { field: 'title', type: 'string', schema: {} },
        { field: 'secret', type: 'string', schema: {} },
      ],
    });
    await ok('POST', '/items/notes', rows);
  }

  const reader = (url: string) => t.request('GET', `/alpha${url}`, { token: READER_TOKEN });

  before(async () => {
    t = await TestApp.start();
    await t.createProject('alpha');
    await t.createProject('beta');
    ({ ok: alpha, call: alphaAnswer } = await adminCaller(t, 'alpha'));
    beta = (await adminCaller(t, 'beta')).ok;
    await notes(alpha, [
      { title: 'a1', secret: 's1' },
      { title: 'a2', secret: 's2' },
    ]);
    await notes(beta, [{ title: 'b1', secret: 't1' }]);
    const role = (await alpha('POST', '/roles', { name: 'Reader' })).body.data.id as string;
    policy = (
      await alpha('POST', '/policies', { name: 'Reads notes', admin_access: false, app_access: false })
    ).body.data.id as string;
    await alpha('POST', '/access', { role, policy });
    permission = (
      await alpha('POST', '/permissions', {
        policy,
        collection: 'notes',
        action: 'read',
        fields: ['id', 'title', 'secret'],
        permissions: { title: { _eq: 'a1' } },
      })
    ).body.data.id as string;
    await alpha('POST', '/users', {
      email: 'reader@alpha.test',
      role,
      status: 'active',
      token: READER_TOKEN,
    });
  });
  after(async () => {
    await t?.close();
  });

  it('the same request to two projects reads each its own rows', async () => {
    for (let i = 0; i < 3; i++) {
      assert.deepEqual((await alpha('GET', '/items/notes?fields=title&sort=id')).body.data, [
        { title: 'a1' },
        { title: 'a2' },
      ]);
      assert.deepEqual((await beta('GET', '/items/notes?fields=title&sort=id')).body.data, [{ title: 'b1' }]);
    }
  });

  it('a read by key repeated with other keys reads each key, and refuses a key of the wrong type', async () => {
    for (const [id, title] of [
      [1, 'a1'],
      [2, 'a2'],
      [1, 'a1'],
    ] as const) {
      assert.deepEqual((await alpha('GET', `/items/notes/${id}?fields=title`)).body.data, { title });
    }
    const missing = await alphaAnswer('GET', '/items/notes/3?fields=title');
    assert.equal(missing.status, 403);
    const wrongType = await alphaAnswer('GET', '/items/notes/abc?fields=title');
    assert.equal(wrongType.status, 403);
    assert.equal(wrongType.body.errors[0].extensions.code, 'FORBIDDEN');
  });

  it('a schema change is seen by the next identical request', async () => {
    const url = '/items/notes?sort=id&limit=1';
    assert.deepEqual(Object.keys((await alpha('GET', url)).body.data[0]).sort(), ['id', 'secret', 'title']);
    await alpha('POST', '/fields/notes', {
      field: 'mood',
      type: 'string',
      schema: { default_value: 'calm' },
    });
    assert.deepEqual((await alpha('GET', url)).body.data[0], {
      id: 1,
      title: 'a1',
      secret: 's1',
      mood: 'calm',
    });
  });

  it("a permission change is seen by the role's next identical request", async () => {
    const url = '/items/notes?fields=*&sort=id';
    for (let i = 0; i < 2; i++) {
      const res = await reader(url);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.data, [{ id: 1, title: 'a1', secret: 's1' }]);
    }
    await alpha('PATCH', `/permissions/${permission}`, { fields: ['id', 'title'], permissions: {} });
    const res = await reader(url);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data, [
      { id: 1, title: 'a1' },
      { id: 2, title: 'a2' },
    ]);
  });
});
