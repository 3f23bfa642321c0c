import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { projectWithAdmin } from './system-data-fixture';

describe('/activity, /revisions and /comments', () => {
  let t: TestApp;
  let token: string;
  const call = (method: string, url: string, body?: unknown) =>
    t.request(method, `/notes${url}`, { token, ...(body === undefined ? {} : { body }) });

  before(async () => {
    t = await TestApp.start();
    token = await projectWithAdmin(t, 'notes');
    const role = await call('POST', '/roles', { name: 'Editors' });
    assert.equal(role.status, 200, role.text);
    await call('PATCH', `/roles/${role.body.data.id}`, { description: 'they edit' });
  });
  after(async () => {
    await t?.close();
  });

  it('lists the activity with the query language, read-only', async () => {
    const res = await call(
      'GET',
      '/activity?filter[collection][_eq]=directus_roles&sort=id&meta=filter_count',
    );
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.body.data.map((row: { action: string }) => row.action),
      ['create', 'update'],
    );
    assert.equal(res.body.meta.filter_count, 2);
    const one = await call('GET', `/activity/${res.body.data[0].id}`);
    assert.equal(one.body.data.collection, 'directus_roles');
    for (const [method, url] of [
      ['POST', '/activity'],
      ['PATCH', '/activity/1'],
      ['DELETE', '/activity/1'],
    ]) {
      const refused = await call(method, url, method === 'DELETE' ? undefined : { action: 'x' });
      assert.equal(refused.status, 404, `${method} ${url}`);
      assert.equal(refused.body.errors[0].extensions.code, 'ROUTE_NOT_FOUND');
    }
  });

  it('lists revisions with their data and delta', async () => {
    const res = await call('GET', '/revisions?filter[collection][_eq]=directus_roles&sort=id');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.data.length, 2);
    assert.equal(res.body.data[1].delta.description, 'they edit');
    assert.equal(res.body.data[1].data.name, 'Editors');
    assert.equal((await call('DELETE', `/revisions/${res.body.data[0].id}`)).status, 404);
  });

  it('creates, edits and deletes comments, with the author taken from the request', async () => {
    const created = await call('POST', '/comments', {
      collection: 'articles',
      item: '1',
      comment: 'First!',
      user_created: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(created.status, 200, created.text);
    const me = await call('GET', '/users/me');
    assert.equal(
      created.body.data.user_created,
      me.body.data.id,
      'the author is the caller, not the payload',
    );
    assert.ok(created.body.data.date_created);

    const edited = await call('PATCH', `/comments/${created.body.data.id}`, { comment: 'Second thoughts' });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.data.comment, 'Second thoughts');
    assert.equal(edited.body.data.user_updated, me.body.data.id);

    const missing = await call('POST', '/comments', { collection: 'articles', item: '1' });
    assert.equal(missing.status, 400);
    assert.equal((await call('DELETE', `/comments/${created.body.data.id}`)).status, 204);
    assert.equal((await call('GET', `/comments/${created.body.data.id}`)).status, 403);
  });
});
