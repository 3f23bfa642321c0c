import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp, type TestResponse } from '../support/test-app';
import { tenantRows } from '../system-data/system-data-fixture';
import { adminCaller } from './items-fixture';

const code = (res: TestResponse) => res.body?.errors?.[0]?.extensions?.code;

/** `/:project/items/:collection`: reads, SEARCH, singletons, writes with history, validation, batches. */
describe('items API', () => {
  let t: TestApp;
  let call: (method: string, url: string, body?: unknown) => Promise<TestResponse>;
  let ok: typeof call;
  const count = async (sql: string) => Number((await tenantRows<{ n: string }>(t, 'shop', sql))[0].n);

  before(async () => {
    t = await TestApp.start();
    await t.createProject('shop');
    ({ call, ok } = await adminCaller(t, 'shop'));
    await ok('POST', '/collections', {
      collection: 'products',
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'name', type: 'string', schema: { max_length: 20 }, meta: { required: true } },
        { field: 'price', type: 'integer', schema: {} },
        { field: 'tags', type: 'csv', schema: {}, meta: { special: ['cast-csv'] } },
        { field: 'secret', type: 'hash', schema: {}, meta: { special: ['hash', 'conceal'] } },
        { field: 'created_on', type: 'timestamp', schema: {}, meta: { special: ['date-created'] } },
        { field: 'code', type: 'string', schema: {}, meta: { validation: { code: { _regex: '^[A-Z]+$' } } } },
      ],
    });
    await ok('POST', '/collections', {
      collection: 'notes',
      fields: [{ field: 'id', type: 'uuid', schema: { is_primary_key: true }, meta: { special: ['uuid'] } }],
    });
    await ok('POST', '/fields/notes', { field: 'body', type: 'text', schema: {} });
    await ok('POST', '/collections', { collection: 'site', meta: { singleton: true }, fields: [] });
    await ok('POST', '/fields/site', { field: 'title', type: 'string', schema: {} });
  });
  after(async () => {
    await t?.close();
  });

  it('creates one item: 200 {data} read back with the request fields, activity and revision written', async () => {
    const res = await call('POST', '/items/products?fields=id,name,tags,created_on', {
      name: 'Lamp',
      price: 12,
      tags: ['a', 'b'],
      secret: 'hunter2',
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.data.name, 'Lamp');
    assert.deepEqual(res.body.data.tags, ['a', 'b']);
    assert.ok(res.body.data.created_on, 'date-created is set');
    assert.equal(res.body.data.price, undefined, 'only the requested fields');
    const [row] = await tenantRows<{ secret: string }>(
      t,
      'shop',
      'SELECT secret FROM products WHERE id = $1',
      [res.body.data.id],
    );
    assert.match(row.secret, /^\$argon2id\$/);
    const [revision] = await tenantRows<{ data: Record<string, unknown>; delta: Record<string, unknown> }>(
      t,
      'shop',
      `SELECT r.data, r.delta FROM directus_revisions r JOIN directus_activity a ON a.id = r.activity
        WHERE r.collection = 'products' AND r.item = $1 AND a.action = 'create'`,
      [String(res.body.data.id)],
    );
    assert.equal(revision.data.name, 'Lamp');
    assert.equal(revision.data.secret, undefined, 'concealed fields are never stored in history');
    assert.equal(revision.delta.secret, undefined);
  });

  it('lists, searches and reads one as the compiler renders it', async () => {
    await ok('POST', '/items/products', [
      { name: 'Chair', price: 40 },
      { name: 'Table', price: 90 },
    ]);
    const list = await ok('GET', '/items/products?fields=name&sort=name&filter[price][_gte]=40&meta=*');
    assert.match(String(list.headers['content-type']), /application\/json/);
    assert.deepEqual(list.body.data, [{ name: 'Chair' }, { name: 'Table' }]);
    assert.deepEqual(list.body.meta, { total_count: 3, filter_count: 2 });
    const search = await call('SEARCH', '/items/products', { query: { fields: ['name'], search: 'tab' } });
    assert.equal(search.status, 200, search.text);
    assert.deepEqual(search.body.data, [{ name: 'Table' }]);
    const first =
      list.body.data.length && (await ok('GET', '/items/products?fields=id&limit=1&sort=id')).body.data[0];
    const one = await ok('GET', `/items/products/${first.id}?fields=name`);
    assert.deepEqual(one.body.data, { name: 'Lamp' });
  });

  it('answers 403 for a missing item, an unknown collection, directus_* and non-admins', async () => {
    assert.equal(code(await call('GET', '/items/products/99999')), 'FORBIDDEN');
    assert.equal(code(await call('GET', '/items/products/not-a-number')), 'FORBIDDEN');
    assert.equal(code(await call('GET', '/items/nope')), 'FORBIDDEN');
    assert.equal(code(await call('GET', '/items/directus_users')), 'FORBIDDEN');
    assert.equal(code(await call('GET', '/items/products?fields=missing')), 'FORBIDDEN');
    const anonymous = await t.request('GET', '/shop/items/products');
    assert.equal(anonymous.status, 403);
    // An admin's update of a missing key is not pre-checked (Directus): nothing to read back, 204.
    assert.equal((await call('PATCH', '/items/products/99999', { name: 'x' })).status, 204);
  });

  it('generates uuid keys', async () => {
    const res = await ok('POST', '/items/notes', { body: 'hello' });
    assert.match(res.body.data.id, /^[0-9a-f-]{36}$/);
  });

  it('validates types, required, max length and validation rules', async () => {
    const wrong = await call('POST', '/items/products', { name: 'x', price: 'abc' });
    assert.equal(wrong.status, 400);
    assert.equal(code(wrong), 'INVALID_PAYLOAD');
    assert.equal(wrong.body.errors[0].extensions.field, 'price');
    const required = await call('POST', '/items/products', { price: 1 });
    assert.equal(code(required), 'FAILED_VALIDATION');
    assert.equal(required.body.errors[0].extensions.field, 'name');
    const long = await call('POST', '/items/products', { name: 'x'.repeat(21) });
    assert.equal(code(long), 'VALUE_TOO_LONG');
    assert.equal(long.body.errors[0].extensions.field, 'name');
    const rule = await call('POST', '/items/products', { name: 'ok', code: 'abc' });
    assert.equal(code(rule), 'FAILED_VALIDATION');
    assert.equal(rule.body.errors[0].extensions.field, 'code');
    await ok('POST', '/items/products', { name: 'ok', code: 'ABC' });
  });

  it('a failing item in a batch of 500 leaves zero rows, zero activity, zero revisions', async () => {
    const before = await Promise.all([
      count('SELECT count(*) AS n FROM products'),
      count('SELECT count(*) AS n FROM directus_activity'),
      count('SELECT count(*) AS n FROM directus_revisions'),
    ]);
    const batch = Array.from({ length: 500 }, (_, i) => ({ name: `bulk ${i}`, price: i }));
    batch[499] = { name: 'bad', price: 'not a number' } as never;
    const res = await call('POST', '/items/products', batch);
    assert.equal(res.status, 400, res.text);
    const afterwards = await Promise.all([
      count('SELECT count(*) AS n FROM products'),
      count('SELECT count(*) AS n FROM directus_activity'),
      count('SELECT count(*) AS n FROM directus_revisions'),
    ]);
    assert.deepEqual(afterwards, before);
  });

  it('updates one and deletes one/many with activity', async () => {
    const created = await ok('POST', '/items/products', [{ name: 'U1' }, { name: 'U2' }, { name: 'U3' }]);
    const [a, b, c] = created.body.data.map((row: { id: number }) => row.id);
    const updated = await ok('PATCH', `/items/products/${a}?fields=name,price`, { price: 5 });
    assert.deepEqual(updated.body.data, { name: 'U1', price: 5 });
    assert.equal((await call('DELETE', `/items/products/${a}`)).status, 204);
    assert.equal((await call('DELETE', '/items/products', [b])).status, 204);
    assert.equal((await call('DELETE', '/items/products', { keys: [c] })).status, 204);
    assert.equal(code(await call('GET', `/items/products/${c}`)), 'FORBIDDEN');
    const deletes = await count(
      `SELECT count(*) AS n FROM directus_activity WHERE action = 'delete' AND collection = 'products'`,
    );
    assert.equal(deletes, 3);
  });

  it('updates many: items with keys, {keys, data}, {query, data}; deletes by query', async () => {
    const created = await ok('POST', '/items/products', [{ name: 'M1' }, { name: 'M2' }]);
    const [a, b] = created.body.data.map((row: { id: number }) => row.id);
    const items = await ok('PATCH', '/items/products?fields=name', [
      { id: a, name: 'M1x' },
      { id: b, name: 'M2x' },
    ]);
    assert.deepEqual(items.body.data, [{ name: 'M1x' }, { name: 'M2x' }]);
    const keys = await ok('PATCH', '/items/products?fields=price', { keys: [a, b], data: { price: 7 } });
    assert.deepEqual(keys.body.data, [{ price: 7 }, { price: 7 }]);
    const query = await ok('PATCH', '/items/products?fields=id', {
      query: { filter: { name: { _starts_with: 'M' } } },
      data: { price: 8 },
    });
    assert.equal(query.body.data.length, 2);
    assert.equal(
      (await call('DELETE', '/items/products', { query: { filter: { price: { _eq: 8 } } } })).status,
      204,
    );
    assert.equal(await count(`SELECT count(*) AS n FROM products WHERE name LIKE 'M%'`), 0);
  });

  it('serves a singleton as an object and upserts it with PATCH', async () => {
    const empty = await ok('GET', '/items/site');
    assert.equal(empty.body.data, null);
    const created = await ok('PATCH', '/items/site', { title: 'Hello' });
    assert.equal(created.body.data.title, 'Hello');
    const updated = await ok('PATCH', '/items/site', { title: 'World' });
    assert.equal(updated.body.data.title, 'World');
    assert.equal((await ok('GET', '/items/site')).body.data.title, 'World');
    assert.equal(await count('SELECT count(*) AS n FROM site'), 1);
    assert.equal((await call('POST', '/items/site', { title: 'x' })).status, 404);
  });
});
