import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { type Article, type BlogRows, type Caller, createBlog10k } from './blog-10k-fixture';

type Params = Record<string, string>;
type Row = Record<string, unknown>;

/**
 * The read query parameters over HTTP against 10,000 articles; every expectation is computed here from
 * the raw rows read with SQL, never from the API.
 */
describe('items API: blog with 10,000 articles', () => {
  let t: TestApp;
  let ok: Caller;
  let rows: BlogRows;

  const list = async (params: Params, collection = 'articles'): Promise<{ data: Row[]; meta?: Row }> =>
    (await ok('GET', `/items/${collection}?${new URLSearchParams(params).toString()}`)).body;
  const ids = async (params: Params, collection = 'articles'): Promise<number[]> =>
    (await list({ fields: 'id', sort: 'id', limit: '-1', ...params }, collection)).data.map(
      (r) => r.id as number,
    );
  const where = (predicate: (a: Article) => boolean): number[] =>
    rows.articles.filter(predicate).map((a) => a.id);
  const commentsOf = (article: number) => rows.comments.filter((c) => c.article === article);
  const tagsOf = (article: number) =>
    rows.junctions
      .filter((j) => j.articles_id === article)
      .map((j) => rows.tags.find((tag) => tag.id === j.tags_id)!.label);
  const authorName = (id: number | null) => rows.authors.find((a) => a.id === id)?.name;
  const year = (a: Article) => (a.published_at === null ? null : a.published_at.getUTCFullYear());

  before(async () => {
    t = await TestApp.start();
    ({ ok, rows } = await createBlog10k(t, 'blog10k'));
    assert.equal(rows.articles.length, 10_000);
  });
  after(async () => {
    await t?.close();
  });

  const filters: [string, Params, (a: Article) => boolean][] = [
    ['_eq', { 'filter[status][_eq]': 'published' }, (a) => a.status === 'published'],
    ['_neq', { 'filter[status][_neq]': 'draft' }, (a) => a.status !== 'draft'],
    ['_in', { 'filter[views][_in]': '1,2,3,500,999' }, (a) => [1, 2, 3, 500, 999].includes(a.views)],
    ['_nin', { filter: '{"status":{"_nin":["draft","archived"]}}' }, (a) => a.status === 'published'],
    ['_lt', { 'filter[views][_lt]': '10' }, (a) => a.views < 10],
    ['_lte', { 'filter[views][_lte]': '10' }, (a) => a.views <= 10],
    ['_gt', { 'filter[views][_gt]': '990' }, (a) => a.views > 990],
    ['_gte', { 'filter[views][_gte]': '990' }, (a) => a.views >= 990],
    ['_between', { filter: '{"views":{"_between":[100,110]}}' }, (a) => a.views >= 100 && a.views <= 110],
    ['_nbetween', { filter: '{"views":{"_nbetween":[5,995]}}' }, (a) => a.views < 5 || a.views > 995],
    ['decimal _gte', { 'filter[rating][_gte]': '4.9' }, (a) => Number(a.rating) >= 4.9],
    ['_null', { 'filter[published_at][_null]': 'true' }, (a) => a.published_at === null],
    ['_nnull', { 'filter[author][_nnull]': 'true' }, (a) => a.author !== null],
    [
      'timestamp _gte',
      { 'filter[published_at][_gte]': '2023-06-01T00:00:00Z' },
      (a) => a.published_at !== null && a.published_at >= new Date('2023-06-01T00:00:00Z'),
    ],
    ['_contains', { 'filter[title][_contains]': 'quantum' }, (a) => a.title.includes('quantum')],
    ['_icontains', { 'filter[title][_icontains]': 'QUANTUM' }, (a) => a.title.includes('quantum')],
    ['_ncontains', { 'filter[title][_ncontains]': '1' }, (a) => !a.title.includes('1')],
    [
      '_starts_with',
      { 'filter[title][_starts_with]': 'Article 99' },
      (a) => a.title.startsWith('Article 99'),
    ],
    ['_ends_with', { 'filter[title][_ends_with]': 'leap' }, (a) => a.title.endsWith('leap')],
    ['year()', { 'filter[year(published_at)][_eq]': '2022' }, (a) => year(a) === 2022],
    [
      '_and/_or',
      {
        filter:
          '{"_or":[{"_and":[{"status":{"_eq":"draft"}},{"views":{"_gt":900}}]},{"rating":{"_lt":"0.10"}}]}',
      },
      (a) => (a.status === 'draft' && a.views > 900) || Number(a.rating) < 0.1,
    ],
    [
      'm2o author.name',
      { 'filter[author][name][_eq]': 'Author 37 B' },
      (a) => authorName(a.author) === 'Author 37 B',
    ],
    [
      'm2o author.name _starts_with',
      { filter: '{"author":{"name":{"_starts_with":"Author 1"}}}' },
      (a) => authorName(a.author)?.startsWith('Author 1') === true,
    ],
    [
      'o2m _some',
      { filter: '{"comments":{"_some":{"score":{"_gte":9}}}}' },
      (a) => commentsOf(a.id).some((c) => c.score >= 9),
    ],
    [
      'o2m _none',
      { filter: '{"comments":{"_none":{"score":{"_gte":5}}}}' },
      (a) => !commentsOf(a.id).some((c) => c.score >= 5),
    ],
    ['o2m count()', { 'filter[count(comments)][_eq]': '3' }, (a) => commentsOf(a.id).length === 3],
    [
      'm2m tags',
      { filter: '{"tags":{"tags_id":{"label":{"_eq":"tag-03"}}}}' },
      (a) => tagsOf(a.id).includes('tag-03'),
    ],
    [
      'm2m _none',
      { filter: '{"tags":{"_none":{"tags_id":{"label":{"_in":["tag-01","tag-02"]}}}}}' },
      (a) => !tagsOf(a.id).some((l) => l === 'tag-01' || l === 'tag-02'),
    ],
  ];
  for (const [name, params, predicate] of filters) {
    it(`filter ${name}`, async () => {
      const expected = where(predicate);
      assert.ok(expected.length > 0 && expected.length < 10_000, `${name} must select a proper subset`);
      assert.deepEqual(await ids(params), expected);
    });
  }

  it('filters in the other direction: authors by their articles (o2m) and count(articles)', async () => {
    const busy = new Set(
      rows.articles.filter((a) => a.views >= 998 && a.author !== null).map((a) => a.author),
    );
    assert.deepEqual(
      await ids({ filter: '{"articles":{"_some":{"views":{"_gte":998}}}}' }, 'authors'),
      rows.authors.filter((a) => busy.has(a.id)).map((a) => a.id),
    );
    const counts = (await list({ fields: 'id,count(articles)', sort: 'id', limit: '-1' }, 'authors')).data;
    assert.deepEqual(
      counts,
      rows.authors.map((a) => ({
        id: a.id,
        articles_count: rows.articles.filter((x) => x.author === a.id).length,
      })),
    );
  });

  it('search over text fields, case-insensitive', async () => {
    assert.deepEqual(
      await ids({ search: 'QUANTUM' }),
      where((a) => a.title.includes('quantum')),
    );
    assert.deepEqual(
      await ids({ search: 'archiv' }),
      where((a) => a.status === 'archived'),
    );
  });

  it('sort: multi-column, descending, and by m2o author.name', async () => {
    const byViews = [...rows.articles].sort((a, b) => b.views - a.views || a.id - b.id);
    assert.deepEqual(
      (await list({ fields: 'id', sort: '-views,id', limit: '50' })).data.map((r) => r.id),
      byViews.slice(0, 50).map((a) => a.id),
    );
    const multi = [...rows.articles].sort(
      (a, b) => a.status.localeCompare(b.status) || Number(b.rating) - Number(a.rating) || a.id - b.id,
    );
    assert.deepEqual(
      (await list({ fields: 'id', sort: 'status,-rating,id', limit: '100', offset: '200' })).data.map(
        (r) => r.id,
      ),
      multi.slice(200, 300).map((a) => a.id),
    );
    const withAuthor = rows.articles
      .filter((a) => a.author !== null)
      .sort((a, b) => {
        const x = authorName(a.author)!;
        const y = authorName(b.author)!;
        return x === y ? b.id - a.id : x < y ? -1 : 1;
      });
    assert.deepEqual(
      await ids({ sort: 'author.name,-id', 'filter[author][_nnull]': 'true' }),
      withAuthor.map((a) => a.id),
    );
  });

  it('limit, offset, page and meta counts', async () => {
    const published = where((a) => a.status === 'published');
    const page = await list({
      fields: 'id',
      sort: 'id',
      limit: '25',
      page: '3',
      meta: '*',
      'filter[status][_eq]': 'published',
    });
    assert.deepEqual(
      page.data.map((r) => r.id),
      published.slice(50, 75),
    );
    assert.deepEqual(page.meta, { total_count: 10_000, filter_count: published.length });
    const offset = await list({ fields: 'id', sort: 'id', limit: '10', offset: '9995' });
    assert.deepEqual(
      offset.data.map((r) => r.id),
      [9996, 9997, 9998, 9999, 10000],
    );
    assert.equal((await list({ fields: 'id' })).data.length, 100, 'the default limit is 100');
    assert.equal((await list({ fields: 'id', limit: '-1' })).data.length, 10_000);
  });

  it('fields=*,author.* and read one', async () => {
    const picked = [1, 97, 101, 5000];
    const res = await list({
      fields: '*,author.*',
      filter: JSON.stringify({ id: { _in: picked } }),
      sort: 'id',
    });
    const expected = picked.map((key) => {
      const a = rows.articles[key - 1];
      return {
        id: a.id,
        title: a.title,
        status: a.status,
        views: a.views,
        rating: a.rating,
        published_at: a.published_at?.toISOString() ?? null,
        author: a.author === null ? null : { ...rows.authors[a.author - 1] },
      };
    });
    // `*` may also list alias fields (comments, tags) as keys; compare the columns and the expanded m2o.
    assert.deepEqual(
      res.data.map((r) => {
        const author = r.author as Row | null;
        return {
          id: r.id,
          title: r.title,
          status: r.status,
          views: r.views,
          rating: r.rating,
          published_at: r.published_at,
          author: author === null ? null : { id: author.id, name: author.name },
        };
      }),
      expected,
    );
    const one = (await ok('GET', '/items/articles/5000?fields=id,title,author.name')).body.data;
    assert.deepEqual(one, {
      id: 5000,
      title: rows.articles[4999].title,
      author: { name: authorName(rows.articles[4999].author) },
    });
  });

  it('comments.* with deep[comments][_limit] and _sort; tags through the junction', async () => {
    const res = await list({
      fields: 'id,comments.*,tags.tags_id.label',
      'deep[comments][_limit]': '2',
      'deep[comments][_sort]': '-id',
      'filter[id][_between]': '1,12',
      sort: 'id',
    });
    assert.deepEqual(
      res.data.map((r) => ({
        id: r.id,
        comments: r.comments,
        tags: (r.tags as { tags_id: { label: string } }[]).map((j) => j.tags_id.label).sort(),
      })),
      rows.articles.slice(0, 12).map((a) => ({
        id: a.id,
        comments: commentsOf(a.id)
          .sort((x, y) => y.id - x.id)
          .slice(0, 2)
          .map((c) => ({ ...c })),
        tags: tagsOf(a.id).sort(),
      })),
    );
  });

  it('aggregate count/sum/avg/min/max grouped by status', async () => {
    const res = await list({
      'aggregate[count]': '*',
      'aggregate[sum]': 'views',
      'aggregate[avg]': 'rating',
      'aggregate[min]': 'views',
      'aggregate[max]': 'rating',
      groupBy: 'status',
    });
    const normalise = (r: Row) => ({
      status: r.status,
      count: Number(r.count),
      sum: Number((r.sum as Row).views),
      avg: Number(Number((r.avg as Row).rating).toFixed(6)),
      min: Number((r.min as Row).views),
      max: Number((r.max as Row).rating),
    });
    const expected = ['archived', 'draft', 'published'].map((status) => {
      const group = rows.articles.filter((a) => a.status === status);
      const ratings = group.map((a) => Number(a.rating));
      return {
        status,
        count: group.length,
        sum: group.reduce((s, a) => s + a.views, 0),
        avg: Number((ratings.reduce((s, x) => s + x, 0) / group.length).toFixed(6)),
        min: Math.min(...group.map((a) => a.views)),
        max: Math.max(...ratings),
      };
    });
    assert.deepEqual(
      res.data.map(normalise).sort((a, b) => String(a.status).localeCompare(String(b.status))),
      expected,
    );
  });

  it('aggregate grouped by year(published_at), with a filter', async () => {
    const res = await list({
      'aggregate[count]': '*',
      'aggregate[sum]': 'views',
      groupBy: 'year(published_at)',
      'filter[status][_neq]': 'archived',
    });
    const groups = new Map<number | null, { count: number; sum: number }>();
    for (const a of rows.articles.filter((x) => x.status !== 'archived')) {
      const g = groups.get(year(a)) ?? { count: 0, sum: 0 };
      g.count += 1;
      g.sum += a.views;
      groups.set(year(a), g);
    }
    const key = (y: unknown) => (y === null ? -1 : Number(y));
    assert.deepEqual(
      res.data
        .map((r) => ({ y: r.published_at_year, count: Number(r.count), sum: Number((r.sum as Row).views) }))
        .sort((a, b) => key(a.y) - key(b.y)),
      [...groups.entries()].map(([y, g]) => ({ y, ...g })).sort((a, b) => key(a.y) - key(b.y)),
    );
  });

  it('alias renames a field and a function', async () => {
    const res = await list({
      fields: 'id,headline,y',
      'alias[headline]': 'title',
      'alias[y]': 'year(published_at)',
      'filter[id][_in]': '7,97,300',
      sort: 'id',
    });
    assert.deepEqual(
      res.data,
      [7, 97, 300].map((key) => {
        const a = rows.articles[key - 1];
        return { id: a.id, headline: a.title, y: year(a) };
      }),
    );
  });

  it('SEARCH takes the query from the body', async () => {
    const res = await ok('SEARCH', '/items/articles', {
      query: { fields: ['id'], filter: { views: { _gte: 995 } }, sort: ['id'], limit: -1 },
    });
    assert.deepEqual(
      res.body.data.map((r: Row) => r.id),
      where((a) => a.views >= 995),
    );
  });
});
