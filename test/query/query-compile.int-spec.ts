import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compileRead, parseQuery, type Access } from '@atrium/query';
import { BlogFixture } from './blog-fixture';

type Row = Record<string, unknown>;
const limits = { default: 100, max: -1 };
const context = { userId: null, roleId: null, now: new Date('2024-01-01T00:00:00Z') };

describe('compileRead on a real database', () => {
  let fx: BlogFixture;
  let articles: Row[];
  const read = async (
    raw: Record<string, unknown>,
    collection = 'articles',
    access: Access = 'admin',
    byKey?: unknown,
  ) => fx.run(compileRead(fx.overview, access, collection, parseQuery(raw), { context, limits, byKey }));
  const ids = async (raw: Record<string, unknown>) =>
    ((await read({ ...raw, fields: 'id' })).data as Row[]).map((row) => row.id);
  const expected = (predicate: (row: Row) => boolean) => articles.filter(predicate).map((row) => row.id);

  before(async () => {
    fx = await BlogFixture.create();
    articles = await fx.rows('SELECT * FROM articles ORDER BY id');
  });
  after(async () => fx?.drop());

  it('outputs every type as Directus does', async () => {
    const { data } = await read({ filter: '{"id":{"_eq":1}}', fields: '*' });
    const row = (data as Row[])[0];
    assert.equal(row.big, '9007199254740993');
    assert.equal(row.price, '12.50');
    assert.equal(row.views, 10);
    assert.equal(row.created_at, '2023-01-15T10:20:30.123Z');
    assert.equal(row.local_at, '2023-01-15T10:20:30');
    assert.equal(row.published_on, '2023-01-15');
    assert.equal(row.at_time, '10:20:30');
    assert.deepEqual(row.tags_csv, ['a', 'b']);
    assert.deepEqual(row.data, { k: 1 });
    assert.equal(row.author, 1);
    assert.deepEqual(row.comments, [1, 2]);
    assert.deepEqual(row.tags, [1, 2]);
    const second = (await read({ filter: { id: { _eq: 2 } } } as never)).data as Row[];
    assert.equal(second[0].big, 42);
    const authors = (await read({ fields: 'secret,password', sort: 'id' }, 'authors')).data as Row[];
    assert.deepEqual(authors[0], { secret: '**********', password: '**********' });
    assert.deepEqual(authors[1], { secret: null, password: null });
  });

  const cases: Array<[string, Record<string, unknown>, (row: Row) => boolean]> = [
    ['_eq', { 'filter[status][_eq]': 'published' }, (r) => r.status === 'published'],
    ['_neq', { 'filter[status][_neq]': 'published' }, (r) => r.status !== 'published'],
    ['_eq null', { filter: '{"views":{"_eq":null}}' }, (r) => r.views === null],
    ['_lt number text', { 'filter[views][_lt]': '6' }, (r) => r.views !== null && (r.views as number) < 6],
    ['_lte', { 'filter[views][_lte]': '5' }, (r) => r.views !== null && (r.views as number) <= 5],
    ['_gt', { 'filter[views][_gt]': '5' }, (r) => r.views !== null && (r.views as number) > 5],
    ['_gte', { 'filter[views][_gte]': '5' }, (r) => r.views !== null && (r.views as number) >= 5],
    ['_in csv', { 'filter[id][_in]': '1,3' }, (r) => [1, 3].includes(r.id as number)],
    ['_nin', { filter: '{"id":{"_nin":[1,3]}}' }, (r) => ![1, 3].includes(r.id as number)],
    ['_null', { 'filter[body][_null]': 'true' }, (r) => r.body === null],
    ['_nnull', { 'filter[body][_nnull]': 'true' }, (r) => r.body !== null],
    [
      '_contains %',
      { 'filter[body][_contains]': '100%' },
      (r) => String(r.body ?? '').includes('100%') && r.body !== null,
    ],
    [
      '_ncontains',
      { 'filter[title][_ncontains]': 'o' },
      (r) => r.title !== null && !String(r.title).includes('o'),
    ],
    ['_icontains', { 'filter[title][_icontains]': 'HELLO' }, (r) => /hello/i.test(String(r.title))],
    [
      '_nicontains',
      { 'filter[title][_nicontains]': 'HELLO' },
      (r) => r.title !== null && !/hello/i.test(String(r.title)),
    ],
    ['_starts_with', { 'filter[title][_starts_with]': 'Sec' }, (r) => String(r.title).startsWith('Sec')],
    ['_nstarts_with', { 'filter[title][_nstarts_with]': 'Sec' }, (r) => !String(r.title).startsWith('Sec')],
    [
      '_istarts_with',
      { 'filter[title][_istarts_with]': 'sec' },
      (r) => String(r.title).toLowerCase().startsWith('sec'),
    ],
    [
      '_nistarts_with',
      { 'filter[title][_nistarts_with]': 'sec' },
      (r) => !String(r.title).toLowerCase().startsWith('sec'),
    ],
    ['_ends_with', { 'filter[title][_ends_with]': 'rld' }, (r) => String(r.title).endsWith('rld')],
    ['_nends_with', { 'filter[title][_nends_with]': 'rld' }, (r) => !String(r.title).endsWith('rld')],
    ['_iends_with', { 'filter[title][_iends_with]': 'RLD' }, (r) => String(r.title).endsWith('rld')],
    ['_niends_with', { 'filter[title][_niends_with]': 'RLD' }, (r) => !String(r.title).endsWith('rld')],
    [
      '_between',
      { filter: '{"views":{"_between":[1,10]}}' },
      (r) => r.views !== null && (r.views as number) >= 1 && (r.views as number) <= 10,
    ],
    [
      '_nbetween',
      { filter: '{"views":{"_nbetween":[1,9]}}' },
      (r) => r.views !== null && ((r.views as number) < 1 || (r.views as number) > 9),
    ],
    ['_empty', { 'filter[title][_empty]': 'true' }, (r) => r.title === null || r.title === ''],
    ['_nempty', { 'filter[title][_nempty]': 'true' }, (r) => r.title !== null && r.title !== ''],
    [
      '_and/_or',
      {
        filter:
          '{"_or":[{"status":{"_eq":"draft"}},{"_and":[{"views":{"_gt":1}},{"published":{"_eq":true}}]}]}',
      },
      (r) => r.status === 'draft' || ((r.views as number) > 1 && r.published === true),
    ],
    ['boolean text', { 'filter[published][_eq]': 'false' }, (r) => r.published === false],
    [
      'year()',
      { 'filter[year(published_on)][_eq]': '2023' },
      (r) => r.published_on !== null && (r.published_on as Date).getFullYear() === 2023,
    ],
    [
      '$NOW',
      { filter: '{"created_at":{"_lt":"$NOW(-1 day)"}}' },
      (r) => r.created_at !== null && (r.created_at as Date) < new Date('2023-12-31T00:00:00Z'),
    ],
    ['uuid', { 'filter[ref][_eq]': 'a81bc81b-dead-4e5d-abff-90865d1e13b1' }, (r) => r.ref !== null],
    [
      'search text',
      { search: 'BODY' },
      (r) => /body/i.test(String(r.body ?? '') + String(r.title ?? '') + String(r.status ?? '')),
    ],
    [
      'search number',
      { search: '5' },
      (r) =>
        r.views === 5 ||
        /5/.test(
          String(r.body ?? '') + String(r.title ?? '') + String(r.status ?? '') + String(r.tags_csv ?? ''),
        ),
    ],
    ['m2o filter', { 'filter[author][name][_eq]': 'Ann' }, (r) => r.author === 1],
    ['o2m implicit some', { 'filter[comments][score][_gt]': '4' }, (r) => r.id === 1],
    ['o2m _none', { filter: '{"comments":{"_none":{"score":{"_gt":4}}}}' }, (r) => r.id !== 1],
    [
      'm2m via junction',
      { filter: '{"tags":{"tags_id":{"name":{"_eq":"sql"}}}}' },
      (r) => [1, 2].includes(r.id as number),
    ],
    ['m2a scope', { filter: '{"sections":{"item:quotes":{"quote":{"_eq":"To be"}}}}' }, (r) => r.id === 1],
    ['count()', { 'filter[count(comments)][_gte]': '2' }, (r) => r.id === 1],
  ];
  for (const [name, raw, predicate] of cases) {
    it(`filter ${name}`, async () => {
      const search = (raw.search as string | undefined) ?? null;
      if (search) {
        // search covers string/text fields (tags_csv is csv: skipped) and numbers when numeric
        const expect = articles
          .filter(
            (r) =>
              ['title', 'body', 'status'].some(
                (f) =>
                  String(r[f] ?? '')
                    .toLowerCase()
                    .includes(search.toLowerCase()) && r[f] !== null,
              ) ||
              (/^\d+$/.test(search) && [r.views, r.id, r.author].includes(Number(search))) ||
              (/^\d+$/.test(search) &&
                (r.big === search || Number(r.price) === Number(search) || r.ratio === Number(search))),
          )
          .map((r) => r.id);
        assert.deepEqual(await ids(raw), expect);
      } else assert.deepEqual(await ids(raw), expected(predicate));
    });
  }

  it('sort, limit, offset, page, meta', async () => {
    const res = await read({
      fields: 'id',
      sort: '-views,id',
      limit: '2',
      page: '2',
      meta: '*',
      'filter[id][_gt]': '1',
    });
    const all = articles
      .filter((r) => (r.id as number) > 1)
      .sort((a, b) =>
        a.views === null ? -1 : b.views === null ? 1 : (b.views as number) - (a.views as number),
      );
    assert.deepEqual(
      (res.data as Row[]).map((r) => r.id),
      all.slice(2, 4).map((r) => r.id),
    );
    assert.deepEqual(res.meta, { total_count: 4, filter_count: 3 });
    assert.equal(((await read({ limit: '-1', fields: 'id' })).data as Row[]).length, 4);
    const sorted = (await read({ fields: 'id', sort: 'author.name,-id' })).data as Row[];
    assert.deepEqual(
      sorted.map((r) => r.id),
      [2, 1, 3, 4],
    );
  });

  it('nests m2o, o2m, m2m, m2a with deep and alias', async () => {
    const res = await read({
      fields:
        'id,author.name,comments.body,tags.tags_id.name,sections.item:headings.text,sections.collection,y',
      alias: '{"y":"year(published_on)"}',
      deep: '{"comments":{"_sort":["-score"],"_limit":1}}',
      'filter[id][_eq]': '1',
    });
    assert.deepEqual(res.data, [
      {
        id: 1,
        author: { name: 'Ann' },
        comments: [{ body: 'nice' }],
        tags: [{ tags_id: { name: 'js' } }, { tags_id: { name: 'sql' } }],
        sections: [
          { item: { text: 'Intro' }, collection: 'headings' },
          { item: '1', collection: 'quotes' },
        ],
        y: 2023,
      },
    ]);
    const star = (await read({ fields: '*.*', 'filter[id][_eq]': '2' })).data as Row[];
    assert.deepEqual((star[0].author as Row).name, 'Ann');
    const one = await read({ fields: 'title,count(comments)' }, 'articles', 'admin', '1');
    assert.deepEqual(one.data, { title: 'Hello World', comments_count: 2 });
    assert.equal((await read({}, 'articles', 'admin', '999')).data, null);
  });

  it('applies access: row filters at every level, field sets, 403s', async () => {
    const access: Access = {
      collections: {
        articles: {
          rowFilter: { status: { _eq: 'published' } },
          fields: ['id', 'title', 'comments', 'author'],
        },
        comments: { rowFilter: { score: { _gt: 2 } }, fields: '*' },
        authors: { rowFilter: null, fields: ['id', 'name'] },
      },
    };
    const res = await read({ fields: '*,comments.score,author.*', meta: '*' }, 'articles', access);
    assert.deepEqual(res.data, [
      { id: 1, title: 'Hello World', comments: [{ score: 5 }], author: { id: 1, name: 'Ann' } },
      { id: 3, title: 'Third', comments: [], author: { id: 2, name: 'Bob' } },
    ]);
    assert.equal(res.meta?.total_count, 2);
    await assert.rejects(read({ fields: 'body' }, 'articles', access), { code: 'FORBIDDEN' });
    await assert.rejects(read({ 'filter[body][_eq]': 'x' }, 'articles', access), { code: 'FORBIDDEN' });
    await assert.rejects(read({}, 'tags', access), { code: 'FORBIDDEN' });
    await assert.rejects(read({}, 'nope'), { code: 'FORBIDDEN' });
  });

  it('aggregates with groupBy', async () => {
    const res = await read({ 'aggregate[count]': '*', 'aggregate[sum]': 'views', groupBy: 'author' });
    // Counts and integer sums are bigints: strings, as node-postgres hands them to Directus.
    assert.deepEqual(res.data, [
      { author: 1, count: '2', sum: { views: '15' } },
      { author: 2, count: '1', sum: { views: null } },
      { author: null, count: '1', sum: { views: '0' } },
    ]);
    const years = await read({
      'aggregate[max]': 'created_at',
      groupBy: 'year(published_on)',
      'filter[published_on][_nnull]': 'true',
    });
    assert.deepEqual(years.data, [
      { published_on_year: 2022, max: { created_at: '2022-12-31T23:59:59.000Z' } },
      { published_on_year: 2023, max: { created_at: '2023-01-15T10:20:30.123Z' } },
      { published_on_year: 2024, max: { created_at: '2024-06-01T00:00:00.000Z' } },
    ]);
  });

  it('refuses hostile input with 400/403, never a SQL error', async () => {
    const hostile: Record<string, unknown>[] = [
      { fields: 'id"; DROP TABLE articles; --' },
      { fields: 'pg_sleep(10)' },
      { sort: 'id; SELECT pg_sleep(10)' },
      { 'filter[id][_eq]': '1; SELECT pg_sleep(10)' },
      { 'filter[id][_eq]': "1' OR '1'='1" },
      { 'filter[title"][_eq]': 'x' },
      { 'filter[title][_regex]': '.*' },
      { 'filter[title][_eq][x]': 'y' },
      { filter: '{"title":{"_eq":{"x":1}}}' },
      { filter: '{"views":{"_eq":1e400}}' },
      { filter: '{"views":{"_eq":9007199254740993}}' },
      { filter: '{"big":{"_eq":99999999999999999999}}' },
      { filter: '{"published_on":{"_eq":"2023-02-30"}}' },
      { filter: '{"ref":{"_eq":"not-a-uuid"}}' },
      { filter: '{"title":{"_eq":"a\\u0000b"}}' },
      { filter: '{"data":{"_eq":"x"}}' },
      { filter: '{"id":{"_in":[]}}' },
      { filter: '{"id":{"_nin":[]}}' },
      { filter: '{"views":{"_between":[1]}}' },
      { filter: '{"title":{"_intersects":[0,0]}}' },
      { filter: '{"data":{"_json":{"a[*]":{"_eq":1}}}}' },
      { filter: '{"data":{"_json":{"n":{"_gt":1e400}}}}' },
      { fields: 'json(title, a)' },
      { fields: 'json(data, $.a)' },
      { filter: '{"$FOLLOW(comments, body)":{"id":{"_eq":1}}}' },
      { filter: '{"__proto__":{"_eq":1}}' },
      { filter: 'not json' },
      { 'aggregate[sum]': 'title' },
      { 'aggregate[drop]': '*' },
      { alias: '{"x":"title; --"}', fields: 'x' },
      { limit: '1; --' },
      { 'deep[comments][_limit]': 'x' },
      { meta: 'pg_sleep' },
      { groupBy: 'count(comments)', 'aggregate[count]': '*' },
      { fields: 'year(title)' },
    ];
    for (const raw of hostile) {
      await assert.rejects(read(raw), (error: { code?: string }) => {
        assert.ok(
          error.code === 'INVALID_QUERY' || error.code === 'FORBIDDEN',
          `${JSON.stringify(raw)} → ${String(error.code)} ${String(error)}`,
        );
        return true;
      });
    }
    // Metacharacters as plain values are data, not SQL.
    assert.deepEqual(await ids({ 'filter[title][_eq]': "x' OR 1=1 --" }), []);
    assert.deepEqual(await ids({ search: "%'; SELECT pg_sleep(10); --" }), []);
    assert.deepEqual(
      ((await read({ 'filter[name][_contains]': '%_\\' }, 'authors')).data as Row[]).map((r) => r.name),
      ['Cy%_\\'],
    );
  });

  it('bounds depth: 1000-deep filters and 12-deep wildcards are 400s, quickly', async () => {
    let filter = '{"_eq":1}';
    for (let i = 0; i < 1000; i++) filter = `{"_and":[{"id":${filter}}]}`;
    const started = Date.now();
    await assert.rejects(read({ filter }), { code: 'INVALID_QUERY' });
    assert.ok(Date.now() - started < 500);
    await assert.rejects(read({ fields: Array(12).fill('*').join('.') }), { code: 'INVALID_QUERY' });
  });
});
