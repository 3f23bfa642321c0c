import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp, type TestResponse } from '../support/test-app';
import { tenantRows } from '../system-data/system-data-fixture';
import { adminCaller, idField, type Caller } from './items-fixture';

const firstError = (res: TestResponse) => res.body?.errors?.[0];

function expectError(res: TestResponse, status: number, code: string): Record<string, unknown> {
  assert.equal(res.status, status, res.text);
  const error = firstError(res);
  assert.equal(error?.extensions?.code, code, res.text);
  return error.extensions;
}

/**
 * Answers of `/items` that have to read as Directus (v11, PostgreSQL) writes them: aggregate values typed
 * as node-postgres hands them to Directus, payload checks made before the database, and an admin's update
 * of a key that does not exist.
 */
describe('items: answers as Directus gives them', () => {
  let t: TestApp;
  let call: Caller;
  let ok: Caller;

  before(async () => {
    t = await TestApp.start();
    await t.createProject('answers');
    ({ call, ok } = await adminCaller(t, 'answers'));
    await ok('POST', '/collections', {
      collection: 'measures',
      fields: [
        idField,
        { field: 'qty', type: 'integer', schema: {} },
        { field: 'weight', type: 'float', schema: {} },
        { field: 'price', type: 'decimal', schema: { numeric_precision: 10, numeric_scale: 2 } },
        { field: 'label', type: 'string', schema: {} },
        { field: 'made', type: 'timestamp', schema: {} },
      ],
    });
    await ok('POST', '/items/measures', [
      { qty: 2, weight: 1.5, price: '1.25', label: 'a', made: '2024-01-01T00:00:00.000Z' },
      { qty: 3, weight: 2.5, price: '2.50', label: 'b', made: '2024-06-01T12:00:00.000Z' },
      { qty: 3, weight: 2.5, price: '2.50', label: 'b', made: '2024-03-01T00:00:00.000Z' },
    ]);
    await ok('POST', '/collections', {
      collection: 'gadgets',
      fields: [
        idField,
        // NOT NULL without a default: a create has to give it (Directus's `_submitted` rule).
        { field: 'code', type: 'string', schema: { is_nullable: false, max_length: 10 } },
        // Required by its meta only.
        { field: 'label', type: 'string', schema: {}, meta: { required: true } },
        // NOT NULL, but the server fills these: never required.
        { field: 'tracking', type: 'uuid', schema: { is_nullable: false }, meta: { special: ['uuid'] } },
        {
          field: 'created',
          type: 'timestamp',
          schema: { is_nullable: false },
          meta: { special: ['date-created'] },
        },
        { field: 'owner', type: 'uuid', schema: { is_nullable: false }, meta: { special: ['user-created'] } },
        { field: 'status', type: 'string', schema: { is_nullable: false, default_value: 'draft' } },
        { field: 'sku', type: 'string', schema: { is_unique: true } },
      ],
    });
  });
  after(async () => {
    await t?.close();
  });

  describe('aggregates on PostgreSQL', () => {
    const aggregate = async (query: string) => (await ok('GET', `/items/measures?${query}`)).body.data;

    it('counts come back as strings (bigint), as node-postgres gives them to Directus', async () => {
      assert.deepEqual(await aggregate('aggregate[count]=*'), [{ count: '3' }]);
      assert.deepEqual(await aggregate('aggregate[countAll]=*'), [{ countAll: '3' }]);
      assert.deepEqual(await aggregate('aggregate[count]=qty,label'), [{ count: { qty: '3', label: '3' } }]);
      assert.deepEqual(await aggregate('aggregate[countDistinct]=qty'), [{ countDistinct: { qty: '2' } }]);
    });

    it('sums and averages are strings for bigint/numeric results, numbers for float columns', async () => {
      assert.deepEqual(await aggregate('aggregate[sum]=qty,price,weight'), [
        { sum: { qty: '8', price: '6.25', weight: 6.5 } },
      ]);
      assert.deepEqual(await aggregate('aggregate[sumDistinct]=qty'), [{ sumDistinct: { qty: '5' } }]);
      const [{ avg }] = await aggregate('aggregate[avg]=qty,weight');
      assert.equal(typeof avg.qty, 'string');
      assert.equal(Number(avg.qty).toFixed(6), (8 / 3).toFixed(6));
      assert.equal(avg.weight, 6.5 / 3);
      const [{ avgDistinct }] = await aggregate('aggregate[avgDistinct]=qty');
      assert.equal(typeof avgDistinct.qty, 'string');
      assert.equal(Number(avgDistinct.qty), 2.5);
    });

    it('min and max keep the column type', async () => {
      assert.deepEqual(await aggregate('aggregate[min]=qty,price,label&aggregate[max]=made'), [
        { min: { qty: 2, price: '1.25', label: 'a' }, max: { made: '2024-06-01T12:00:00.000Z' } },
      ]);
    });

    it('groups keep their own type next to the string counts', async () => {
      assert.deepEqual(await aggregate('aggregate[count]=*&aggregate[sum]=qty&groupBy=label'), [
        { label: 'a', count: '1', sum: { qty: '2' } },
        { label: 'b', count: '2', sum: { qty: '6' } },
      ]);
    });

    it('meta total_count and filter_count stay numbers', async () => {
      const res = await ok('GET', '/items/measures?meta=*&filter[label][_eq]=b&fields=id');
      assert.deepEqual(res.body.meta, { total_count: 3, filter_count: 2 });
    });
  });

  describe('create and update checks before the database', () => {
    const nextId = async () =>
      Number(
        (await tenantRows<{ n: string }>(t, 'answers', `SELECT last_value AS n FROM gadgets_id_seq`))[0].n,
      );

    it('a NOT NULL column without a default is required on create (FAILED_VALIDATION, not the database)', async () => {
      const before = await nextId();
      const res = await call('POST', '/items/gadgets', { label: 'x' });
      const extensions = expectError(res, 400, 'FAILED_VALIDATION');
      assert.equal(extensions.field, 'code');
      assert.equal(extensions.type, 'required');
      assert.deepEqual(extensions.path, []);
      assert.equal(firstError(res).message, 'Validation failed for field "code". Value is required.');
      assert.equal(await nextId(), before, 'no INSERT reached the database');
    });

    it('a field whose meta says required is required on create', async () => {
      const extensions = expectError(
        await call('POST', '/items/gadgets', { code: 'A1' }),
        400,
        'FAILED_VALIDATION',
      );
      assert.equal(extensions.field, 'label');
      assert.equal(extensions.type, 'required');
    });

    it('null for a NOT NULL column is refused on create and on update', async () => {
      const onCreate = expectError(
        await call('POST', '/items/gadgets', { code: null, label: 'x' }),
        400,
        'FAILED_VALIDATION',
      );
      assert.equal(onCreate.field, 'code');
      assert.equal(onCreate.type, 'nnull');
      const created = await ok('POST', '/items/gadgets', { code: 'N1', label: 'x' });
      const id = created.body.data.id;
      const onUpdate = await call('PATCH', `/items/gadgets/${id}`, { code: null });
      const extensions = expectError(onUpdate, 400, 'FAILED_VALIDATION');
      assert.equal(extensions.field, 'code');
      assert.equal(extensions.type, 'nnull');
      assert.equal(firstError(onUpdate).message, `Validation failed for field "code". Value can't be null.`);
      assert.equal(
        expectError(await call('PATCH', `/items/gadgets/${id}`, { label: null }), 400, 'FAILED_VALIDATION')
          .field,
        'label',
      );
    });

    it('fields the server fills (auto-increment, uuid, date-created, user-created) or with a default are not required', async () => {
      const res = await ok('POST', '/items/gadgets', { code: 'OK1', label: 'fine' });
      const row = res.body.data;
      assert.equal(typeof row.id, 'number');
      assert.match(row.tracking, /^[0-9a-f-]{36}$/);
      assert.ok(row.created);
      assert.match(row.owner, /^[0-9a-f-]{36}$/);
      assert.equal(row.status, 'draft');
    });

    it('a string over its max_length answers VALUE_TOO_LONG naming the collection and field', async () => {
      const res = await call('POST', '/items/gadgets', { code: 'x'.repeat(11), label: 'x' });
      const extensions = expectError(res, 400, 'VALUE_TOO_LONG');
      assert.equal(extensions.collection, 'gadgets');
      assert.equal(extensions.field, 'code');
      const created = await ok('POST', '/items/gadgets', { code: 'L1', label: 'x' });
      const update = await call('PATCH', `/items/gadgets/${created.body.data.id}`, { code: 'y'.repeat(11) });
      assert.equal(expectError(update, 400, 'VALUE_TOO_LONG').field, 'code');
    });

    it('a unique violation names the collection, field and value', async () => {
      await ok('POST', '/items/gadgets', { code: 'U1', label: 'x', sku: 'SKU-1' });
      const extensions = expectError(
        await call('POST', '/items/gadgets', { code: 'U2', label: 'x', sku: 'SKU-1' }),
        400,
        'RECORD_NOT_UNIQUE',
      );
      assert.deepEqual(
        { collection: extensions.collection, field: extensions.field, value: extensions.value },
        { collection: 'gadgets', field: 'sku', value: 'SKU-1' },
      );
    });

    it('a NUL byte in a string is a 400 INVALID_PAYLOAD, never a 500', async () => {
      expectError(
        await call('POST', '/items/gadgets', { code: 'a\u0000b', label: 'x' }),
        400,
        'INVALID_PAYLOAD',
      );
    });

    it('a batch whose last item misses a required field creates nothing', async () => {
      const count = async () =>
        Number((await tenantRows<{ n: string }>(t, 'answers', 'SELECT count(*) AS n FROM gadgets'))[0].n);
      const before = await count();
      const res = await call('POST', '/items/gadgets', [
        { code: 'B1', label: 'x' },
        { code: 'B2', label: 'x' },
        { label: 'no code' },
      ]);
      assert.equal(expectError(res, 400, 'FAILED_VALIDATION').field, 'code');
      assert.equal(await count(), before);
    });
  });

  describe("an admin's PATCH of a key that does not exist", () => {
    it('answers 204 for an admin (Directus: no pre-check, the read-back finds nothing)', async () => {
      const res = await call('PATCH', '/items/gadgets/99999', { label: 'ghost' });
      assert.equal(res.status, 204, res.text);
      assert.equal(res.text, '');
      const rows = await tenantRows(t, 'answers', 'SELECT id FROM gadgets WHERE id = 99999');
      assert.equal(rows.length, 0, 'nothing is created');
    });

    it('stays 403 for a malformed key and for a non-admin', async () => {
      expectError(await call('PATCH', '/items/gadgets/not-a-number', { label: 'x' }), 403, 'FORBIDDEN');
      const policy = (await ok('POST', '/policies', { name: 'Gadget editors', app_access: true })).body.data
        .id;
      await ok('POST', '/permissions', { policy, collection: 'gadgets', action: 'update', fields: ['*'] });
      await ok('POST', '/permissions', { policy, collection: 'gadgets', action: 'read', fields: ['*'] });
      const user = (
        await ok('POST', '/users', {
          email: 'editor@answers.test',
          password: 'password-123',
          status: 'active',
        })
      ).body.data.id;
      await ok('POST', '/access', { user, policy });
      const login = await t.request('POST', '/answers/auth/login', {
        body: { email: 'editor@answers.test', password: 'password-123' },
      });
      const token = login.body.data.access_token as string;
      const existing = (await ok('POST', '/items/gadgets', { code: 'E1', label: 'x' })).body.data.id;
      const allowed = await t.request('PATCH', `/answers/items/gadgets/${existing}`, {
        token,
        body: { label: 'edited' },
      });
      assert.equal(allowed.status, 200, allowed.text);
      const missing = await t.request('PATCH', '/answers/items/gadgets/99999', {
        token,
        body: { label: 'x' },
      });
      expectError(missing, 403, 'FORBIDDEN');
    });
  });
});
