import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  collectDynamicVariables,
  compileRead,
  loadDynamicVariables,
  parseQuery,
  type Access,
  type QueryContext,
} from '@atrium/query';
import { BlogFixture } from './blog-fixture';

type Row = Record<string, unknown>;
const limits = { default: 100, max: -1 };
const anonymous: QueryContext = { userId: null, roleId: null, now: new Date('2024-01-01T00:00:00Z') };

describe('compileRead on a real database: dynamic variables, field rules, JSON, $FOLLOW', () => {
  let fx: BlogFixture;
  const read = async (
    raw: Record<string, unknown>,
    options: { collection?: string; access?: Access; context?: QueryContext } = {},
  ) =>
    fx.run(
      compileRead(fx.overview, options.access ?? 'admin', options.collection ?? 'articles', parseQuery(raw), {
        context: options.context ?? anonymous,
        limits,
      }),
    );
  const ids = async (raw: Record<string, unknown>, options: Parameters<typeof read>[1] = {}) =>
    ((await read({ ...raw, fields: 'id' }, options)).data as Row[]).map((row) => row.id);

  before(async () => {
    fx = await BlogFixture.create();
  });
  after(async () => fx?.drop());

  it('json(field, path) extracts values as Directus names them, nested relations included', async () => {
    const { data } = await read({
      fields: 'id,json(data, k),json(data, tags[1]),json(data, nested.deep[1].x),json(data, nope),c',
      alias: '{"c":"json(data, n)"}',
      sort: 'id',
      'filter[id][_in]': '1,2',
    });
    assert.deepEqual(data, [
      {
        id: 1,
        data_k_json: 1,
        data_tags_1_json: null,
        data_nested_deep_1_x_json: null,
        data_nope_json: null,
        c: null,
      },
      {
        id: 2,
        data_k_json: 'two',
        data_tags_1_json: 'b',
        data_nested_deep_1_x_json: 'y',
        data_nope_json: null,
        c: 2.5,
      },
    ]);
    const nested = await read(
      { fields: 'json(article.data, tags)', 'filter[id][_eq]': '3' },
      { collection: 'comments' },
    );
    assert.deepEqual(nested.data, [{ article: { data_tags_json: ['a', 'b'] } }]);
    const sorted = await ids({ sort: '-json(data, k)', 'filter[data][_nnull]': 'true' });
    assert.equal(sorted.length, 3);
  });

  it('_json filters inside JSON values, never failing on mixed types', async () => {
    const cases: Array<[unknown, number[]]> = [
      [{ data: { _json: { k: { _eq: 'two' } } } }, [2]],
      [{ data: { _json: { k: { _eq: 1 } } } }, [1]],
      [{ data: { _json: { k: { _gt: 0 } } } }, [1]], // 'two' is not a number: no cast error, no match
      [{ data: { _json: { n: { _between: [2, 3] } } } }, [2]],
      [{ data: { _json: { 'tags[0]': { _in: ['a', 'z'] } } } }, [2]],
      [{ data: { _json: { 'nested.deep[1].x': { _icontains: 'Y' } } } }, [2]],
      [{ data: { _json: { k: { _null: true } } } }, [3, 4]],
      [{ data: { _json: { _or: [{ k: { _eq: 1 } }, { n: { _gte: 2.5 } }] } } }, [1, 2]],
      [{ data: { _json: { k: { _eq: '$CURRENT_USER.nope' } } } }, []],
    ];
    for (const [filter, expected] of cases) {
      assert.deepEqual(
        await ids({ filter: JSON.stringify(filter), sort: 'id' }),
        expected,
        JSON.stringify(filter),
      );
    }
  });

  it('$FOLLOW filters through a reverse relation without an alias field', async () => {
    const tags = async (filter: unknown) =>
      (
        (await read({ fields: 'name', sort: 'id', filter: JSON.stringify(filter) }, { collection: 'tags' }))
          .data as Row[]
      ).map((row) => row.name);
    assert.deepEqual(await tags({ '$FOLLOW(articles_tags, tags_id)': { articles_id: { _eq: 2 } } }), ['sql']);
    assert.deepEqual(
      await tags({ '$FOLLOW(articles_tags, tags_id)': { _none: { articles_id: { _nnull: true } } } }),
      ['go'],
    );
    assert.deepEqual(
      await tags({ '$FOLLOW(articles_tags, tags_id)': { articles_id: { title: { _eq: 'Hello World' } } } }),
      ['js', 'sql'],
    );
  });

  it('per-item field rules: the row filter is the union, each field shows on its own rows only', async () => {
    // policy A: {id,title} of published articles; policy B: {id,title,body,comments} of articles with views > 6.
    const B = { views: { _gt: 6 } };
    const access: Access = {
      collections: {
        articles: {
          rowFilter: { _or: [{ status: { _eq: 'published' } }, B] },
          fields: ['id', 'title', 'body', 'comments'],
          fieldFilters: { body: B, comments: B },
        },
        comments: { rowFilter: null, fields: '*' },
      },
    };
    const res = await read({ fields: '*,comments.body', sort: 'id', meta: '*' }, { access });
    assert.deepEqual(res.data, [
      { id: 1, title: 'Hello World', body: 'first body', comments: [{ body: 'nice' }, { body: 'meh' }] },
      { id: 3, title: 'Third', body: null, comments: null },
    ]);
    assert.deepEqual(res.meta, { total_count: 2, filter_count: 2 });
    await assert.rejects(read({ 'filter[body][_contains]': 'first' }, { access }), { code: 'FORBIDDEN' });
    await assert.rejects(read({ sort: 'body' }, { access }), { code: 'FORBIDDEN' });
    assert.deepEqual(await ids({ search: 'body', sort: 'id' }, { access }), []); // body is not searched
  });

  it('empty lists: 400 in a request, nothing in a permission filter', async () => {
    await assert.rejects(read({ filter: '{"id":{"_nin":[]}}' }), { code: 'INVALID_QUERY' });
    const access: Access = { collections: { articles: { rowFilter: { id: { _nin: [] } }, fields: '*' } } };
    assert.deepEqual(await ids({}, { access }), []);
  });

  it('loads $CURRENT_USER / $CURRENT_ROLE paths from the caller rows and filters by them', async () => {
    const [{ id: staff }] = await fx.rows(`INSERT INTO directus_roles (name) VALUES ('Staff') RETURNING id`);
    const [{ id: role }] = await fx.rows(
      `INSERT INTO directus_roles (name, parent) VALUES ('Editors', '${String(staff)}') RETURNING id`,
    );
    const [{ id: user }] = await fx.rows(
      `INSERT INTO directus_users (email, role) VALUES ('ann@x.io', '${String(role)}') RETURNING id`,
    );
    await fx.rows(`INSERT INTO directus_users (email, role) VALUES ('zed@x.io', '${String(role)}')`);
    const rowFilter = { author: { email: { _eq: '$CURRENT_USER.email' } } };
    const names = collectDynamicVariables([
      rowFilter,
      { x: { _eq: '$CURRENT_USER.role.name' } },
      { x: { _in: '$CURRENT_ROLE.parent.name,$CURRENT_ROLE.users.email,$CURRENT_USER.nope' } },
    ]);
    const subject = { userId: String(user), roleId: String(role) };
    const variables = await loadDynamicVariables(fx.pool, fx.overview, subject, names);
    assert.deepEqual(variables['$CURRENT_USER.email'], 'ann@x.io');
    assert.deepEqual(variables['$CURRENT_USER.role.name'], 'Editors');
    assert.deepEqual(variables['$CURRENT_ROLE.parent.name'], 'Staff');
    assert.deepEqual([...(variables['$CURRENT_ROLE.users.email'] as string[])].sort(), [
      'ann@x.io',
      'zed@x.io',
    ]);
    assert.equal(variables['$CURRENT_USER.nope'], null);

    const access: Access = {
      collections: { articles: { rowFilter, fields: '*' }, authors: { rowFilter: null, fields: '*' } },
    };
    const context: QueryContext = {
      ...anonymous,
      ...subject,
      roles: [String(role), String(staff)],
      variables,
    };
    assert.deepEqual(await ids({ sort: 'id' }, { access, context }), [1, 2]);
    // A user without an email reaches nothing — not the articles whose author has no email.
    const nobody = await loadDynamicVariables(
      fx.pool,
      fx.overview,
      { userId: crypto.randomUUID(), roleId: null },
      names,
    );
    assert.equal(nobody['$CURRENT_USER.email'], null);
    assert.deepEqual(await ids({}, { access, context: { ...context, variables: nobody } }), []);
    // $CURRENT_ROLES against the roles table.
    const roles = await read(
      { fields: 'name', sort: 'name', filter: '{"id":{"_in":"$CURRENT_ROLES"}}' },
      { collection: 'directus_roles', context },
    );
    assert.deepEqual(roles.data, [{ name: 'Editors' }, { name: 'Staff' }]);
  });
});
