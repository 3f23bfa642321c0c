import assert from 'node:assert/strict';
import { assertNoContent, describeSdk, rejectsWith, type SdkCase, type SdkContext } from './sdk-harness';

/**
 * Items through the official SDK: every read option the SDK serialises (fields, filter, sort, limit, offset,
 * page, search, deep, alias, meta, aggregate, groupBy, SEARCH), single reads, singletons, and every write
 * shape (one, many, by keys, by query, batch) with what the server answers checked field by field.
 * `articles` and `authors` are seeded once and only read; writes go to `notes`.
 */

const idField = { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } };

async function seed(ctx: SdkContext): Promise<void> {
  await ctx.ok('POST', '/collections', {
    collection: 'authors',
    fields: [idField, { field: 'name', type: 'string', schema: {} }],
  });
  await ctx.ok('POST', '/collections', {
    collection: 'articles',
    fields: [
      idField,
      { field: 'title', type: 'string', schema: {} },
      { field: 'status', type: 'string', schema: {} },
      { field: 'views', type: 'integer', schema: {} },
      { field: 'price', type: 'decimal', schema: { numeric_precision: 10, numeric_scale: 2 } },
      { field: 'author', type: 'integer', schema: {} },
    ],
  });
  await ctx.ok('POST', '/fields/authors', { field: 'articles', type: 'alias', meta: { special: ['o2m'] } });
  await ctx.ok('POST', '/relations', {
    collection: 'articles',
    field: 'author',
    related_collection: 'authors',
    meta: { one_field: 'articles' },
  });
  await ctx.ok('POST', '/collections', {
    collection: 'notes',
    fields: [
      idField,
      { field: 'title', type: 'string', schema: {} },
      { field: 'status', type: 'string', schema: {} },
      { field: 'views', type: 'integer', schema: {} },
    ],
  });
  await ctx.ok('POST', '/collections', { collection: 'site', meta: { singleton: true }, fields: [idField] });
  await ctx.ok('POST', '/fields/site', { field: 'headline', type: 'string', schema: {} });

  await ctx.ok('POST', '/items/authors', [{ name: 'Ada' }, { name: 'Grace' }]);
  await ctx.ok('POST', '/items/articles', [
    { title: 'Hello world', status: 'published', views: 10, price: '1.50', author: 1 },
    { title: 'Second post', status: 'draft', views: 20, price: '2.50', author: 1 },
    { title: 'Databases', status: 'published', views: 30, price: '3.00', author: 2 },
    { title: 'Search me please', status: 'published', views: 40, price: null, author: 2 },
  ]);
}

/** Notes made directly through the API, for a write case to act on; their ids. */
async function notes(ctx: SdkContext, ...titles: string[]): Promise<number[]> {
  const created = await ctx.ok(
    'POST',
    '/items/notes?fields=id',
    titles.map((title) => ({ title, status: 'new', views: 0 })),
  );
  return (created.body.data as Array<{ id: number }>).map((row) => row.id);
}

async function noteRows(ctx: SdkContext, ids: number[]): Promise<Array<Record<string, unknown>>> {
  const read = await ctx.ok(
    'GET',
    `/items/notes?fields=id,title,status,views&sort=id&filter=${encodeURIComponent(JSON.stringify({ id: { _in: ids } }))}`,
  );
  return read.body.data;
}

const ids = (rows: Array<{ id?: number }>) => rows.map((row) => row.id);

const cases: SdkCase[] = [
  {
    name: 'readItems: fields and sort (descending)',
    async run({ client, sdk, recorder }) {
      const rows = await client.request(
        sdk.readItems('articles', { fields: ['id', 'title'], sort: ['-views'] }),
      );
      assert.deepEqual(rows, [
        { id: 4, title: 'Search me please' },
        { id: 3, title: 'Databases' },
        { id: 2, title: 'Second post' },
        { id: 1, title: 'Hello world' },
      ]);
      const sent = new URL(recorder.last().url).searchParams;
      assert.equal(sent.get('fields'), 'id,title');
      assert.equal(sent.get('sort'), '-views');
    },
  },
  {
    name: 'readItems: filter (JSON string) with _eq, _gte, _or, _in, _null and _contains',
    async run({ client, sdk }) {
      const published = await client.request(
        sdk.readItems('articles', {
          fields: ['id'],
          sort: ['id'],
          filter: { status: { _eq: 'published' }, views: { _gte: 20 } },
        }),
      );
      assert.deepEqual(ids(published), [3, 4]);
      const either = await client.request(
        sdk.readItems('articles', {
          fields: ['id'],
          sort: ['id'],
          filter: { _or: [{ status: { _eq: 'draft' } }, { id: { _in: [1, 4] } }] },
        }),
      );
      assert.deepEqual(ids(either), [1, 2, 4]);
      const noPrice = await client.request(
        sdk.readItems('articles', { fields: ['id'], filter: { price: { _null: true } } }),
      );
      assert.deepEqual(ids(noPrice), [4]);
      const contains = await client.request(
        sdk.readItems('articles', {
          fields: ['id'],
          sort: ['id'],
          filter: { title: { _icontains: 'POST' } },
        }),
      );
      assert.deepEqual(ids(contains), [2]);
    },
  },
  {
    name: 'readItems: limit, offset and page',
    async run({ client, sdk }) {
      const window = await client.request(
        sdk.readItems('articles', { fields: ['id'], sort: ['id'], limit: 2, offset: 1 }),
      );
      assert.deepEqual(ids(window), [2, 3]);
      const page = await client.request(
        sdk.readItems('articles', { fields: ['id'], sort: ['id'], limit: 3, page: 2 }),
      );
      assert.deepEqual(ids(page), [4]);
      const all = await client.request(sdk.readItems('articles', { fields: ['id'], limit: -1 }));
      assert.equal(all.length, 4);
    },
  },
  {
    name: 'readItems: search',
    async run({ client, sdk }) {
      const rows = await client.request(
        sdk.readItems('articles', { fields: ['id', 'title'], search: 'search me' }),
      );
      assert.deepEqual(rows, [{ id: 4, title: 'Search me please' }]);
    },
  },
  {
    name: 'readItems: nested m2o fields (object form and dot form) and a relational filter',
    async run({ client, loose, sdk }) {
      const rows = await client.request(
        sdk.readItems('articles', {
          fields: ['id', { author: ['name'] }],
          filter: { author: { name: { _eq: 'Grace' } } },
          sort: ['id'],
        }),
      );
      assert.deepEqual(rows, [
        { id: 3, author: { name: 'Grace' } },
        { id: 4, author: { name: 'Grace' } },
      ]);
      const dotted = await loose.request(
        sdk.readItems('articles', { fields: ['title', 'author.name'], sort: ['id'], limit: 1 }),
      );
      assert.deepEqual(dotted, [{ title: 'Hello world', author: { name: 'Ada' } }]);
    },
  },
  {
    name: 'readItems: o2m fields with deep (_filter, _sort, _limit)',
    async run({ client, sdk }) {
      const rows = await client.request(
        sdk.readItems('authors', {
          fields: ['name', { articles: ['id', 'title'] }],
          sort: ['id'],
          deep: { articles: { _filter: { status: { _eq: 'published' } }, _sort: ['-views'], _limit: 1 } },
        }),
      );
      assert.deepEqual(rows, [
        { name: 'Ada', articles: [{ id: 1, title: 'Hello world' }] },
        { name: 'Grace', articles: [{ id: 4, title: 'Search me please' }] },
      ]);
    },
  },
  {
    name: 'readItems: alias',
    async run({ loose, sdk }) {
      const rows = await loose.request(
        sdk.readItems('articles', {
          fields: ['id', 'headline'],
          alias: { headline: 'title' },
          filter: { id: { _eq: 2 } },
        }),
      );
      assert.deepEqual(rows, [{ id: 2, headline: 'Second post' }]);
    },
  },
  {
    name: 'readItems: meta=total_count,filter_count (the SDK returns data; the envelope carries meta)',
    async run({ loose, sdk, recorder }) {
      // `meta` is not in the SDK's Query type; its queryToParams passes unknown keys through as they are.
      const query = {
        fields: ['id'],
        filter: { status: { _eq: 'published' } },
        limit: 1,
        meta: 'total_count,filter_count',
      };
      const rows = await loose.request(sdk.readItems('articles', query));
      assert.equal(rows.length, 1);
      assert.equal(new URL(recorder.last().url).searchParams.get('meta'), 'total_count,filter_count');
      assert.deepEqual((recorder.lastJson() as { meta: unknown }).meta, { total_count: 4, filter_count: 3 });
    },
  },
  {
    name: 'aggregate: count, sum, avg, min, max, countDistinct (count/sum/avg as strings, as Directus on PostgreSQL)',
    async run({ client, sdk }) {
      const [row] = await client.request(
        sdk.aggregate('articles', {
          aggregate: {
            count: '*',
            sum: 'views',
            avg: 'views',
            min: 'views',
            max: 'views',
            countDistinct: 'status',
          },
        }),
      );
      const result = row as Record<string, unknown>;
      assert.equal(result.count, '4');
      assert.deepEqual(result.sum, { views: '100' });
      const avg = (result.avg as { views: unknown }).views;
      assert.equal(typeof avg, 'string', 'avg is a PostgreSQL numeric, a string');
      assert.equal(Number(avg), 25);
      assert.deepEqual(result.min, { views: 10 });
      assert.deepEqual(result.max, { views: 40 });
      assert.deepEqual(result.countDistinct, { status: '2' });
    },
  },
  {
    name: 'aggregate with groupBy and a query filter',
    async run({ client, sdk }) {
      const rows = (await client.request(
        sdk.aggregate('articles', { aggregate: { count: '*', sum: 'views' }, groupBy: ['status'] }),
      )) as Array<Record<string, unknown>>;
      const byStatus = [...rows].sort((a, b) => String(a.status).localeCompare(String(b.status)));
      assert.deepEqual(byStatus, [
        { status: 'draft', count: '1', sum: { views: '20' } },
        { status: 'published', count: '3', sum: { views: '80' } },
      ]);
      const filtered = (await client.request(
        sdk.aggregate('articles', { aggregate: { max: 'views' }, query: { filter: { author: { _eq: 1 } } } }),
      )) as Array<Record<string, unknown>>;
      assert.deepEqual(filtered, [{ max: { views: 20 } }]);
    },
  },
  {
    name: 'aggregate on a system collection (GET /users?aggregate=…)',
    async run({ client, sdk }) {
      const [row] = (await client.request(
        sdk.aggregate('directus_users', { aggregate: { count: '*' } }),
      )) as Array<Record<string, unknown>>;
      assert.equal(row.count, '1');
    },
  },
  {
    name: 'withSearch(readItems): the query goes in a SEARCH body',
    async run({ client, sdk, recorder }) {
      const rows = await client.request(
        sdk.withSearch(
          sdk.readItems('articles', { fields: ['id'], filter: { views: { _gt: 25 } }, sort: ['id'] }),
        ),
      );
      assert.deepEqual(ids(rows), [3, 4]);
      assert.equal(recorder.last().method, 'SEARCH');
    },
  },
  {
    name: 'readItem: one item with fields; decimals come back as strings',
    async run({ client, sdk }) {
      const item = await client.request(
        sdk.readItem('articles', 3, { fields: ['title', 'price', { author: ['name'] }] }),
      );
      assert.deepEqual(item, { title: 'Databases', price: '3.00', author: { name: 'Grace' } });
    },
  },
  {
    name: 'readItem of a missing key / readItems of a missing collection: 403 FORBIDDEN',
    async run({ client, loose, sdk }) {
      await rejectsWith(client.request(sdk.readItem('articles', 999)), 403, 'FORBIDDEN');
      await rejectsWith(loose.request(sdk.readItems('no_such_collection')), 403, 'FORBIDDEN');
      await rejectsWith(
        loose.request(sdk.readItems('articles', { fields: ['no_such_field'] })),
        403,
        'FORBIDDEN',
      );
    },
  },
  {
    name: 'readSingleton / updateSingleton',
    async run({ client, sdk }) {
      const written = await client.request(
        sdk.updateSingleton('site', { headline: 'Welcome' }, { fields: ['headline'] }),
      );
      assert.deepEqual(written, { headline: 'Welcome' });
      const read = await client.request(sdk.readSingleton('site', { fields: ['headline'] }));
      assert.deepEqual(read, { headline: 'Welcome' });
    },
  },
  {
    name: 'createItem: one item, read back with the query fields',
    async run(ctx) {
      const { client, sdk } = ctx;
      const created = await client.request(
        sdk.createItem(
          'notes',
          { title: 'created', status: 'new', views: 3 },
          { fields: ['id', 'title', 'views'] },
        ),
      );
      assert.equal(typeof created.id, 'number');
      assert.deepEqual({ ...created, id: 0 }, { id: 0, title: 'created', views: 3 });
      assert.deepEqual(await noteRows(ctx, [created.id]), [
        { id: created.id, title: 'created', status: 'new', views: 3 },
      ]);
    },
  },
  {
    name: 'createItems: many items in one request',
    async run(ctx) {
      const { client, sdk } = ctx;
      const created = await client.request(
        sdk.createItems('notes', [{ title: 'many-1' }, { title: 'many-2' }], { fields: ['id', 'title'] }),
      );
      assert.deepEqual(
        created.map((row) => row.title),
        ['many-1', 'many-2'],
      );
      assert.equal((await noteRows(ctx, ids(created) as number[])).length, 2);
    },
  },
  {
    name: 'updateItem: one item by key',
    async run(ctx) {
      const [id] = await notes(ctx, 'to-update');
      const updated = await ctx.client.request(
        ctx.sdk.updateItem('notes', id, { title: 'updated', views: 7 }, { fields: ['id', 'title', 'views'] }),
      );
      assert.deepEqual(updated, { id, title: 'updated', views: 7 });
      assert.deepEqual(await noteRows(ctx, [id]), [{ id, title: 'updated', status: 'new', views: 7 }]);
    },
  },
  {
    name: 'updateItems: by keys ({keys, data})',
    async run(ctx) {
      const keys = await notes(ctx, 'keys-1', 'keys-2');
      const updated = await ctx.client.request(
        ctx.sdk.updateItems('notes', keys, { status: 'archived' }, { fields: ['id', 'status'] }),
      );
      assert.deepEqual(
        [...updated].sort((a, b) => Number(a.id) - Number(b.id)),
        keys.map((id) => ({ id, status: 'archived' })),
      );
      assert.deepEqual(
        (await noteRows(ctx, keys)).map((row) => row.status),
        ['archived', 'archived'],
      );
    },
  },
  {
    name: 'updateItems: by query ({query, data})',
    async run(ctx) {
      const keys = await notes(ctx, 'by-query', 'by-query', 'not-this-one');
      const updated = await ctx.client.request(
        ctx.sdk.updateItems(
          'notes',
          { filter: { title: { _eq: 'by-query' } } },
          { views: 99 },
          { fields: ['id', 'views'] },
        ),
      );
      assert.deepEqual(
        updated.map((row) => row.views),
        [99, 99],
      );
      assert.deepEqual(
        (await noteRows(ctx, keys)).map((row) => row.views),
        [99, 99, 0],
      );
    },
  },
  {
    name: 'updateItemsBatch: different data per item, each with its key',
    async run(ctx) {
      const [a, b] = await notes(ctx, 'batch-a', 'batch-b');
      const updated = await ctx.client.request(
        ctx.sdk.updateItemsBatch(
          'notes',
          [
            { id: a, title: 'batch-a2' },
            { id: b, views: 5 },
          ],
          { fields: ['id', 'title', 'views'] },
        ),
      );
      assert.deepEqual(
        [...updated].sort((x, y) => Number(x.id) - Number(y.id)),
        [
          { id: a, title: 'batch-a2', views: 0 },
          { id: b, title: 'batch-b', views: 5 },
        ],
      );
    },
  },
  {
    name: 'updateItem on a missing key as admin: 204, the SDK returns no data',
    async run({ client, sdk, recorder }) {
      assertNoContent(await client.request(sdk.updateItem('notes', 987654, { title: 'nobody' })), recorder);
    },
  },
  {
    name: 'deleteItem: one item (a bodiless DELETE sent with Content-Type: application/json)',
    async run(ctx) {
      const [id] = await notes(ctx, 'to-delete');
      assertNoContent(await ctx.client.request(ctx.sdk.deleteItem('notes', id)), ctx.recorder);
      assert.deepEqual(await noteRows(ctx, [id]), []);
    },
  },
  {
    name: 'deleteItems: by keys (a {keys} body)',
    async run(ctx) {
      const keys = await notes(ctx, 'delete-keys-1', 'delete-keys-2', 'delete-keys-keep');
      await ctx.client.request(ctx.sdk.deleteItems('notes', keys.slice(0, 2)));
      assert.deepEqual(ids(await noteRows(ctx, keys)), [keys[2]]);
    },
  },
  {
    name: 'deleteItems: by query (a {query} body)',
    async run(ctx) {
      const keys = await notes(ctx, 'delete-query', 'delete-query', 'delete-query-keep');
      await ctx.client.request(ctx.sdk.deleteItems('notes', { filter: { title: { _eq: 'delete-query' } } }));
      assert.deepEqual(ids(await noteRows(ctx, keys)), [keys[2]]);
    },
  },
];

describeSdk('SDK items', 'items', cases, seed);
