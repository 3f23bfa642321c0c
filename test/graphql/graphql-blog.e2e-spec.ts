import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { adminCaller, type Caller, createBlogSchema } from '../items/items-fixture';
import { graphqlCaller, type GraphqlCall, idsAsStrings } from './graphql-helpers';

/**
 * The blog scenario through REST and through GraphQL: the same data, nested relations with per-level
 * arguments, aggregates with groupBy, fragments, variables, directives, aliases; and one SQL statement per
 * root field.
 */
describe('GraphQL reads the blog as REST does', () => {
  let t: TestApp;
  let ok: Caller;
  let gql: GraphqlCall;

  before(async () => {
    t = await TestApp.start({ LOG_LEVEL: 'debug' }, { captureLogs: true });
    await t.createProject('gqlblog');
    ({ ok } = await adminCaller(t, 'gqlblog'));
    gql = await graphqlCaller(t, 'gqlblog');
    await createBlogSchema(ok);
    await ok('POST', '/items/tags', [{ label: 'news' }, { label: 'tech' }]);
    await ok('POST', '/items/articles', [
      {
        title: 'Hello',
        status: 'published',
        views: 10,
        rating: '4.50',
        published_at: '2024-03-01T10:00:00',
        author: { name: 'Ada' },
        comments: [
          { body: 'First', score: 3 },
          { body: 'Second', score: 9 },
        ],
        tags: [{ tags_id: 1 }, { tags_id: 2 }],
      },
      {
        title: 'Draft',
        status: 'draft',
        views: 2,
        author: { name: 'Grace' },
        comments: [{ body: 'Early', score: 5 }],
      },
      { title: 'World', status: 'published', views: 30, author: 1, tags: [{ tags_id: 2 }] },
    ]);
  });
  after(async () => {
    await t?.close();
  });

  it('answers a list with m2o, o2m and m2m relations and per-level arguments as REST does', async () => {
    const rest = await ok(
      'GET',
      '/items/articles?fields=id,title,views,rating,author.id,author.name,comments.body,comments.score,tags.tags_id.label' +
        '&filter[status][_eq]=published&sort=-views' +
        '&deep[comments][_filter][score][_gt]=4&deep[comments][_sort]=-score&deep[comments][_limit]=1',
    );
    const res = await gql(`{
      articles(filter: { status: { _eq: "published" } }, sort: ["-views"]) {
        id title views rating
        author { id name }
        comments(filter: { score: { _gt: 4 } }, sort: ["-score"], limit: 1) { body score }
        tags { tags_id { label } }
      }
    }`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.errors, undefined, res.text);
    assert.deepEqual(res.body.data.articles, idsAsStrings(rest.body.data));
  });

  it('reads one by id, and several root fields with aliases in one document, each one statement', async () => {
    const before = t.logLines.length;
    const res = await gql(`{
      first: articles_by_id(id: 1) { title writer: author { name } }
      drafts: articles(filter: { status: { _eq: "draft" } }) { title }
      all: articles(sort: ["id"]) { t: title }
    }`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data, {
      first: { title: 'Hello', writer: { name: 'Ada' } },
      drafts: [{ title: 'Draft' }],
      all: [{ t: 'Hello' }, { t: 'Draft' }, { t: 'World' }],
    });
    const reads = t.logLines
      .slice(before)
      .map((line) => JSON.parse(line) as { msg?: string; sql?: string })
      .filter((line) => line.msg === 'items read');
    assert.equal(reads.length, 3, 'one statement per root field');
  });

  it('keeps two aliases of one relation with different arguments apart', async () => {
    const res = await gql(`{
      articles_by_id(id: 1) {
        best: comments(sort: ["-score"], limit: 1) { body }
        worst: comments(sort: ["score"], limit: 1) { body }
      }
    }`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data.articles_by_id, {
      best: [{ body: 'Second' }],
      worst: [{ body: 'First' }],
    });
  });

  it('spreads fragments, applies variables and @include/@skip', async () => {
    const res = await gql(
      `query Articles($status: String!, $withAuthor: Boolean!, $noViews: Boolean!) {
        articles(filter: { status: { _eq: $status } }, sort: ["id"]) {
          ...Basics
          views @skip(if: $noViews)
          author @include(if: $withAuthor) { ... on authors { name } }
        }
      }
      fragment Basics on articles { id title }`,
      { status: 'published', withAuthor: true, noViews: true },
    );
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data.articles, [
      { id: '1', title: 'Hello', author: { name: 'Ada' } },
      { id: '3', title: 'World', author: { name: 'Ada' } },
    ]);
  });

  it('aggregates with groupBy as REST does', async () => {
    const rest = await ok(
      'GET',
      '/items/articles?aggregate[count]=id&aggregate[sum]=views&groupBy=status&sort=status',
    );
    const res = await gql(`{
      articles_aggregated(groupBy: ["status"], sort: ["status"]) { group count { id } sum { views } countAll }
    }`);
    assert.equal(res.status, 200, res.text);
    const rows = res.body.data.articles_aggregated as Array<Record<string, unknown>>;
    assert.deepEqual(
      rows.map((row) => row.group),
      (rest.body.data as Array<Record<string, unknown>>).map((row) => ({ status: row.status })),
    );
    assert.deepEqual(
      rows.map((row) => [
        (row.count as { id: number }).id,
        (row.sum as { views: number }).views,
        row.countAll,
      ]),
      [
        [1, 2, 1],
        [2, 40, 2],
      ],
    );
  });

  it('reads date functions and filters with them', async () => {
    const res = await gql(`{
      articles(filter: { published_at_func: { year: { _eq: 2024 } } }) { title published_at_func { year month } }
    }`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data.articles, [
      { title: 'Hello', published_at_func: { year: 2024, month: 3 } },
    ]);
  });

  it('answers GET with ?query= for reads, and refuses a mutation by GET', async () => {
    const query = encodeURIComponent('{ articles(sort: ["id"], limit: 1) { title } }');
    const res = await t.request('GET', `/gqlblog/graphql?query=${query}`, { token: gql.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data, { articles: [{ title: 'Hello' }] });
    const mutation = encodeURIComponent('mutation { delete_articles_item(id: 1) { id } }');
    const refused = await t.request('GET', `/gqlblog/graphql?query=${mutation}`, { token: gql.token });
    assert.equal(refused.status, 405, refused.text);
    assert.equal((await ok('GET', '/items/articles/1')).body.data.title, 'Hello');
  });

  it('answers the v8 alias /gql like /graphql', async () => {
    const res = await t.request('POST', '/gqlblog/gql', {
      token: gql.token,
      body: { query: '{ authors(sort: ["id"]) { name } }' },
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data, { authors: [{ name: 'Ada' }, { name: 'Grace' }] });
  });

  it('creates, updates and deletes through mutations, reading back with the selection', async () => {
    const created = await gql(`mutation {
      create_articles_item(data: { title: "New", status: "draft", author: { name: "Linus" } }) { id title author { name } }
    }`);
    assert.equal(created.status, 200, created.text);
    const item = created.body.data.create_articles_item as {
      id: string;
      title: string;
      author: { name: string };
    };
    assert.deepEqual({ title: item.title, author: item.author }, { title: 'New', author: { name: 'Linus' } });
    const updated = await gql(
      `mutation { update_articles_item(id: ${item.id}, data: { title: "Renamed" }) { title } }`,
    );
    assert.deepEqual(updated.body.data, { update_articles_item: { title: 'Renamed' } });
    const many = await gql(
      `mutation { update_articles_items(ids: [${item.id}], data: { views: 7 }) { views } }`,
    );
    assert.deepEqual(many.body.data, { update_articles_items: [{ views: 7 }] });
    const deleted = await gql(`mutation { delete_articles_item(id: ${item.id}) { id } }`);
    assert.deepEqual(deleted.body.data, { delete_articles_item: { id: item.id } });
    assert.equal((await ok('GET', `/items/articles?filter[id][_eq]=${item.id}`)).body.data.length, 0);
  });

  it('answers errors in GraphQL shape with the Directus code', async () => {
    const unknown = await gql('{ articles { nope } }');
    assert.equal(unknown.status, 403, unknown.text);
    assert.equal(unknown.body.errors[0].extensions.code, 'FORBIDDEN');
    const invalid = await gql('{ articles_by_id { title } }');
    assert.equal(invalid.status, 400, invalid.text);
    assert.equal(invalid.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION');
    const syntax = await gql('{ articles { ');
    assert.equal(syntax.status, 400);
    assert.equal(syntax.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION');
    const forbidden = await gql('{ articles_by_id(id: 999) { title } }');
    assert.equal(forbidden.status, 200, forbidden.text);
    assert.equal(forbidden.body.data.articles_by_id, null);
    assert.equal(forbidden.body.errors[0].extensions.code, 'FORBIDDEN');
    assert.deepEqual(forbidden.body.errors[0].path, ['articles_by_id']);
    const badQuery = await gql('{ articles(limit: -5) { title } }');
    assert.equal(badQuery.body.errors[0].extensions.code, 'INVALID_QUERY');
    const missing = await t.request('POST', '/gqlblog/graphql', { token: gql.token, body: {} });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errors[0].extensions.code, 'INVALID_PAYLOAD');
  });

  it('refuses a 12-level nested query and a 1,000-alias query before running them', async () => {
    let nested = 'title';
    for (let level = 0; level < 12; level++) nested = `author { articles { ${nested} } }`;
    const deep = await gql(`{ articles { ${nested} } }`);
    assert.equal(deep.status, 400, deep.text);
    assert.match(deep.body.errors[0].message, /nested deeper/);
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: title`).join(' ');
    const started = Date.now();
    const wide = await gql(`{ articles { ${aliases} } }`);
    assert.equal(wide.status, 400, wide.text);
    assert.equal(wide.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION');
    assert.ok(Date.now() - started < 5000);
  });

  it('downloads the SDL of both endpoints', async () => {
    const items = await t.request('GET', '/gqlblog/server/specs/graphql', { token: gql.token });
    assert.equal(items.status, 200, items.text);
    assert.match(items.text, /type articles \{/);
    assert.match(items.text, /articles_aggregated/);
    assert.match(items.headers['content-disposition'] as string, /attachment/);
    const system = await t.request('GET', '/gqlblog/server/specs/graphql/system', { token: gql.token });
    assert.equal(system.status, 200, system.text);
    assert.match(system.text, /users_me/);
    assert.doesNotMatch(system.text, /type articles \{/);
  });
});
