import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp, type TestResponse } from '../support/test-app';
import { tenantRows } from '../system-data/system-data-fixture';
import { adminCaller } from './items-fixture';

const code = (res: TestResponse) => res.body?.errors?.[0]?.extensions?.code;

/** `POST /:project/utils/revert/:revision`: restores an item's snapshot, recorded as a `revert`. */
describe('revert to a revision', () => {
  let t: TestApp;
  let call: (method: string, url: string, body?: unknown) => Promise<TestResponse>;
  let ok: typeof call;

  const revisions = (item: string) =>
    tenantRows<{ id: number; action: string; data: Record<string, unknown> }>(
      t,
      'shop',
      `SELECT r.id, a.action, r.data FROM directus_revisions r JOIN directus_activity a ON a.id = r.activity
        WHERE r.collection = 'books' AND r.item = $1 ORDER BY r.id`,
      [item],
    );

  before(async () => {
    t = await TestApp.start();
    await t.createProject('shop');
    ({ call, ok } = await adminCaller(t, 'shop'));
    await ok('POST', '/collections', {
      collection: 'books',
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'title', type: 'string', schema: {} },
        { field: 'pages', type: 'integer', schema: {} },
        { field: 'tags', type: 'csv', schema: {}, meta: { special: ['cast-csv'] } },
        { field: 'extra', type: 'json', schema: {} },
      ],
    });
  });
  after(async () => {
    await t?.close();
  });

  it('create, update twice, revert to the first revision: the item equals it, history says revert', async () => {
    const created = await ok('POST', '/items/books', {
      title: 'Dune',
      pages: 412,
      tags: ['sf'],
      extra: { shelf: 'A', n: [1, 2] },
    });
    const id = String(created.body.data.id);
    await ok('PATCH', `/items/books/${id}`, { title: 'Dune Messiah', pages: 256 });
    await ok('PATCH', `/items/books/${id}`, { tags: ['sf', 'classic'], extra: null });
    const [first] = await revisions(id);
    assert.equal(first.action, 'create');

    const res = await call('POST', `/utils/revert/${first.id}`);
    assert.equal(res.status, 204, res.text);
    assert.equal(res.text, '');

    const item = (await ok('GET', `/items/books/${id}`)).body.data;
    assert.deepEqual(item, created.body.data);
    const history = await revisions(id);
    assert.deepEqual(
      history.map((row) => row.action),
      ['create', 'update', 'update', 'revert'],
    );
    assert.deepEqual(history[3].data, first.data, 'the new revision holds the restored snapshot');
  });

  it('an unknown or malformed revision is 403', async () => {
    assert.equal(code(await call('POST', '/utils/revert/999999')), 'FORBIDDEN');
    assert.equal((await call('POST', '/utils/revert/abc')).status, 403);
  });

  it('a revision of a system collection is applied like any other (Directus reverts system items too)', async () => {
    const before = await call('PATCH', '/settings', { project_name: 'Before' });
    assert.equal(before.status, 200, before.text);
    const id = String(before.body.data.id);
    const [row] = await tenantRows<{ id: number }>(
      t,
      'shop',
      `INSERT INTO directus_activity (action, collection, item) VALUES ('update', 'directus_settings', $1)
        RETURNING id`,
      [id],
    );
    const [revision] = await tenantRows<{ id: number }>(
      t,
      'shop',
      `INSERT INTO directus_revisions (activity, collection, item, data)
        VALUES ($1, 'directus_settings', $2, '{"project_name":"Reverted"}') RETURNING id`,
      [row.id, id],
    );
    const res = await call('POST', `/utils/revert/${revision.id}`);
    assert.equal(res.status, 204, res.text);
    const after = await call('GET', '/settings?fields=project_name');
    assert.equal(after.body.data.project_name, 'Reverted');
  });

  it('a revision of a collection the API never writes (activity) is 403 and changes nothing', async () => {
    const [row] = await tenantRows<{ id: number }>(
      t,
      'shop',
      `INSERT INTO directus_activity (action, collection, item) VALUES ('update', 'directus_activity', '1')
        RETURNING id`,
    );
    const [revision] = await tenantRows<{ id: number }>(
      t,
      'shop',
      `INSERT INTO directus_revisions (activity, collection, item, data)
        VALUES ($1, 'directus_activity', '1', '{"action":"hacked"}') RETURNING id`,
      [row.id],
    );
    const res = await call('POST', `/utils/revert/${revision.id}`);
    assert.equal(res.status, 403, res.text);
    assert.equal(code(res), 'FORBIDDEN');
    const [hacked] = await tenantRows<{ n: string }>(
      t,
      'shop',
      `SELECT count(*) AS n FROM directus_activity WHERE action = 'hacked'`,
    );
    assert.equal(hacked.n, '0');
  });

  it('refuses anonymous callers', async () => {
    const res = await t.request('POST', '/shop/utils/revert/1');
    assert.equal(res.status, 403, res.text);
  });

  it('lets a non-admin revert what their rules let them read and update, nothing else', async () => {
    const book = (await ok('POST', '/items/books', { title: 'Draft one', pages: 1 })).body.data;
    await ok('PATCH', `/items/books/${book.id}`, { title: 'Draft two' });
    const [first] = await revisions(String(book.id));
    const role = (await ok('POST', '/roles', { name: 'Librarian' })).body.data.id;
    const policy = (await ok('POST', '/policies', { name: 'Librarian' })).body.data.id;
    await ok('POST', '/access', { role, policy });
    const token = 'librarian-static-token-0123456789';
    await ok('POST', '/users', { email: 'librarian@shop.test', role, token });
    const asLibrarian = (url: string) => t.request('POST', `/shop${url}`, { token });

    // Update rights alone are not enough: the revision itself has to be readable.
    const update = (
      await ok('POST', '/permissions', { policy, collection: 'books', action: 'update', fields: '*' })
    ).body.data.id;
    assert.equal(code(await asLibrarian(`/utils/revert/${first.id}`)), 'FORBIDDEN');
    // A read rule that doesn't reach this revision is not enough either.
    const narrow = (
      await ok('POST', '/permissions', {
        policy,
        collection: 'directus_revisions',
        action: 'read',
        fields: '*',
        permissions: { collection: { _eq: 'elsewhere' } },
      })
    ).body.data.id;
    assert.equal(code(await asLibrarian(`/utils/revert/${first.id}`)), 'FORBIDDEN');
    await ok('PATCH', `/permissions/${narrow}`, { permissions: { collection: { _eq: 'books' } } });
    const reverted = await asLibrarian(`/utils/revert/${first.id}`);
    assert.equal(reverted.status, 204, reverted.text);
    assert.equal((await ok('GET', `/items/books/${book.id}`)).body.data.title, 'Draft one');

    // Without the update rule the same revert is refused and changes nothing.
    await ok('PATCH', `/items/books/${book.id}`, { title: 'Draft three' });
    await call('DELETE', `/permissions/${update}`);
    assert.equal(code(await asLibrarian(`/utils/revert/${first.id}`)), 'FORBIDDEN');
    assert.equal((await ok('GET', `/items/books/${book.id}`)).body.data.title, 'Draft three');
  });
});
