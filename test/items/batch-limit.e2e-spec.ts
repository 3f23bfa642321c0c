import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { tenantRows } from '../system-data/system-data-fixture';
import { adminCaller, type Caller, idField as id } from './items-fixture';

/** MAX_BATCH_MUTATION bounds what one request may write, nested writes included (Directus's setting). */
describe('items: MAX_BATCH_MUTATION', () => {
  let t: TestApp;
  let ok: Caller;
  let call: Caller;
  const rows = async (table: string) =>
    Number((await tenantRows<{ n: string }>(t, 'cap', `SELECT count(*) AS n FROM ${table}`))[0].n);

  before(async () => {
    t = await TestApp.start({ MAX_BATCH_MUTATION: '3' });
    await t.createProject('cap');
    ({ ok, call } = await adminCaller(t, 'cap'));
    await ok('POST', '/collections', {
      collection: 'authors',
      fields: [id, { field: 'name', type: 'string', schema: {} }],
    });
    await ok('POST', '/collections', {
      collection: 'posts',
      fields: [
        id,
        { field: 'title', type: 'string', schema: {} },
        { field: 'author', type: 'integer', schema: {} },
      ],
    });
    await ok('POST', '/relations', { collection: 'posts', field: 'author', related_collection: 'authors' });
  });
  after(async () => {
    await t?.close();
  });

  it('accepts a batch at the limit', async () => {
    await ok('POST', '/items/posts', [{ title: 'a' }, { title: 'b' }, { title: 'c' }]);
    assert.equal(await rows('posts'), 3);
  });

  it('refuses a larger batch with 400 INVALID_PAYLOAD and writes nothing', async () => {
    const res = await call('POST', '/items/posts', [
      { title: 'd' },
      { title: 'e' },
      { title: 'f' },
      { title: 'g' },
    ]);
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].extensions.code, 'INVALID_PAYLOAD');
    assert.match(res.body.errors[0].message, /max batch mutation limit of 3/);
    assert.equal(await rows('posts'), 3);
  });

  it('counts nested writes too', async () => {
    const res = await call('POST', '/items/posts', [
      { title: 'h', author: { name: 'x' } },
      { title: 'i', author: { name: 'y' } },
    ]);
    assert.equal(res.status, 400, 'two posts and two nested authors are four mutations');
    assert.equal(await rows('authors'), 0);
  });
});
