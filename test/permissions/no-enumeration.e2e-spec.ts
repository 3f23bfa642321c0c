import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashToken } from '@atrium/auth';
import { TestApp, type TestResponse } from '../support/test-app';
import { BlogWorld, errorCode, q, type ArticleRow, type Caller } from './permissions-fixture';

/** One way of asking about a field: a request built around the field's name and a value it holds. */
interface Shape {
  name: string;
  method?: string;
  url: (field: string, value: string) => string;
  body?: (field: string, value: string) => unknown;
}

const list = (params: Record<string, unknown>) => `/items/articles?${q({ fields: 'id', ...params })}`;

/** Every query parameter that could reveal something about a field's values. */
const SHAPES: Shape[] = [
  { name: 'filter _eq', url: (f, v) => list({ filter: { [f]: { _eq: v } } }) },
  { name: 'filter _contains', url: (f, v) => list({ filter: { [f]: { _contains: v.slice(0, 5) } } }) },
  { name: 'filter _starts_with', url: (f, v) => list({ filter: { [f]: { _starts_with: v.slice(0, 3) } } }) },
  { name: 'filter _nnull', url: (f) => list({ filter: { [f]: { _nnull: true } } }) },
  { name: 'filter _empty', url: (f) => list({ filter: { [f]: { _empty: false } } }) },
  { name: 'filter _in', url: (f, v) => list({ filter: { [f]: { _in: [v] } } }) },
  {
    name: 'filter nested in _or/_and',
    url: (f, v) => list({ filter: { _or: [{ id: { _null: true } }, { _and: [{ [f]: { _eq: v } }] }] } }),
  },
  {
    name: 'filter (bracket form)',
    url: (f, v) => `/items/articles?fields=id&filter[${f}][_eq]=${encodeURIComponent(v)}`,
  },
  {
    name: 'meta=filter_count with a filter',
    url: (f, v) => list({ meta: 'filter_count', limit: 0, filter: { [f]: { _eq: v } } }),
  },
  { name: 'sort ascending', url: (f) => list({ sort: f }) },
  { name: 'sort descending', url: (f) => list({ sort: `-${f}` }) },
  { name: 'sort as a tie-breaker', url: (f) => list({ sort: `id,${f}` }) },
  { name: 'aggregate min', url: (f) => `/items/articles?aggregate[min]=${f}` },
  { name: 'aggregate max', url: (f) => `/items/articles?aggregate[max]=${f}` },
  { name: 'aggregate count', url: (f) => `/items/articles?aggregate[count]=${f}` },
  { name: 'aggregate countDistinct', url: (f) => `/items/articles?aggregate[countDistinct]=${f}` },
  { name: 'aggregate (JSON form)', url: (f) => `/items/articles?${q({ aggregate: { max: [f] } })}` },
  { name: 'groupBy', url: (f) => `/items/articles?groupBy=${f}&aggregate[count]=*` },
  { name: 'groupBy without aggregate', url: (f) => `/items/articles?groupBy=${f}` },
  { name: 'alias', url: (f) => `/items/articles?${q({ alias: { x: f }, fields: 'id,x' })}` },
  {
    name: 'SEARCH body filter',
    method: 'SEARCH',
    url: () => '/items/articles',
    body: (f, v) => ({ query: { fields: ['id'], filter: { [f]: { _eq: v } } } }),
  },
  {
    name: 'SEARCH body sort',
    method: 'SEARCH',
    url: () => '/items/articles',
    body: (f) => ({ query: { fields: ['id'], sort: [f] } }),
  },
  {
    name: 'SEARCH body aggregate + groupBy',
    method: 'SEARCH',
    url: () => '/items/articles',
    body: (f) => ({ query: { aggregate: { countDistinct: [f] }, groupBy: ['id'] } }),
  },
  { name: 'export with a filter', url: (f, v) => `${list({ filter: { [f]: { _eq: v } } })}&export=json` },
  { name: 'export sorted', url: (f) => `${list({ sort: f })}&export=csv` },
];

/**
 * No enumeration through hidden fields: for each field a caller may not read, every filter/sort/aggregate/
 * groupBy/alias attempt answers 403 (as for a field that does not exist), `search` does not look in it, and
 * each refused request has a control — the same request on a readable field — that succeeds, so a 403 that
 * comes from something else does not pass for protection.
 */
describe('no enumeration through hidden or concealed fields', () => {
  let t: TestApp;
  let w: BlogWorld;
  let aliceArticle: ArticleRow;
  let idsOf: (who: 'alice' | 'carol' | 'public', url: string) => Promise<number[]>;

  before(async () => {
    t = await TestApp.start();
    w = await BlogWorld.build(t, 'secrets');
    aliceArticle = w.articles.find(
      (a) => a.author === w.users.alice.id && a.status === 'published',
    ) as ArticleRow;
    idsOf = async (who, url) => {
      const res = await w.caller(who)('GET', url);
      assert.equal(res.status, 200, `${who} GET ${url}: ${res.text}`);
      return (res.body.data as Array<{ id: number }>).map((row) => row.id);
    };
  });
  after(async () => {
    await t?.close();
  });

  const refused = (res: TestResponse, label: string, needle: string) => {
    assert.equal(res.status, 403, `${label}: expected 403, got ${res.status}: ${res.text.slice(0, 300)}`);
    assert.equal(errorCode(res), 'FORBIDDEN', `${label}: ${res.text}`);
    assert.equal(res.text.includes(needle), false, `${label}: the answer holds the hidden value`);
  };

  /** (caller, hidden text field, a value it holds on a row the caller CAN see, a readable control field) */
  const HIDDEN: Array<{
    who: 'alice' | 'public';
    field: string;
    value: (w: BlogWorld) => string;
    control: { field: string; value: (w: BlogWorld) => string };
  }> = [
    {
      who: 'alice',
      field: 'internal_notes',
      value: () => aliceArticle.internal_notes,
      control: { field: 'title', value: () => aliceArticle.title },
    },
    {
      who: 'public',
      field: 'internal_notes',
      value: () => aliceArticle.internal_notes,
      control: { field: 'title', value: () => aliceArticle.title },
    },
    {
      who: 'public',
      field: 'body',
      value: () => aliceArticle.body,
      control: { field: 'title', value: () => aliceArticle.title },
    },
  ];

  for (const hidden of HIDDEN) {
    describe(`${hidden.who} × hidden ${hidden.field}`, () => {
      for (const shape of SHAPES) {
        it(`${shape.name} → 403 (control on ${hidden.control.field} → 200)`, async () => {
          const caller = w.caller(hidden.who);
          const send = (field: string, value: string) =>
            caller(shape.method ?? 'GET', shape.url(field, value), shape.body?.(field, value));
          const control = await send(hidden.control.field, hidden.control.value(w));
          assert.equal(
            control.status,
            200,
            `control ${shape.name} on ${hidden.control.field}: ${control.text}`,
          );
          const value = hidden.value(w);
          refused(await send(hidden.field, value), `${hidden.who} ${shape.name} on ${hidden.field}`, value);
        });
      }
    });
  }

  describe('search skips what the caller may not read', () => {
    it('alice: the needle only her own (visible) article holds in internal_notes is not found', async () => {
      const needle = aliceArticle.internal_notes.split(' ')[0];
      assert.deepEqual(await idsOf('alice', `/items/articles?fields=id&search=${needle}`), []);
      assert.deepEqual(await idsOf('carol', `/items/articles?fields=id&search=${needle}`), [aliceArticle.id]);
      const byTitle = aliceArticle.title.slice(0, 10);
      assert.ok(
        (await idsOf('alice', `/items/articles?fields=id&search=${encodeURIComponent(byTitle)}`)).length > 0,
      );
    });

    it('public: a body-only word is not found; the same word is found by a caller who reads body', async () => {
      assert.deepEqual(await idsOf('public', '/items/articles?fields=id&search=gardening'), []);
      assert.ok((await idsOf('carol', '/items/articles?fields=id&search=gardening')).length > 0);
    });

    it('public: a uuid held only in author (hidden) is not found; carol finds alice’s published articles', async () => {
      const url = `/items/articles?fields=id&sort=id&search=${w.users.alice.id}`;
      assert.deepEqual(await idsOf('public', url), []);
      assert.deepEqual(
        await idsOf('carol', url),
        w.articles.filter((a) => a.author === w.users.alice.id && a.status === 'published').map((a) => a.id),
      );
    });

    it('public: a number held only in views (hidden) is not found; carol finds it', async () => {
      // Above 30 the number is no article's id (search also matches numeric primary keys).
      const target = w.articles.find(
        (a) => a.status === 'published' && a.views > w.articles.length && !a.title.includes(String(a.views)),
      ) as ArticleRow;
      const url = `/items/articles?fields=id&search=${target.views}`;
      assert.deepEqual(await idsOf('public', url), []);
      assert.deepEqual(await idsOf('carol', url), [target.id]);
    });

    it('meta=filter_count of a search counts only what the caller could have found', async () => {
      const res = await w.caller('alice')('GET', '/items/articles?fields=id&meta=filter_count&search=zqx');
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.meta, { filter_count: 0 });
    });
  });

  describe('relational paths to a hidden field', () => {
    const alice = () => w.caller('alice');
    const cases: Array<[string, (f: string) => string]> = [
      [
        'comments filtered by article.<field>',
        (f) => `/items/comments?${q({ filter: { article: { [f]: { _contains: 'zqx' } } } })}`,
      ],
      ['comments sorted by article.<field>', (f) => `/items/comments?fields=id&sort=article.${f}`],
      ['comments fields=article.<field>', (f) => `/items/comments?fields=id,article.${f}`],
      [
        'articles deep comments _filter on article.<field>',
        (f) =>
          `/items/articles?${q({ fields: 'id,comments.id', deep: { comments: { _filter: { article: { [f]: { _nnull: true } } } } } })}`,
      ],
      [
        'articles deep comments _sort on article.<field>',
        (f) =>
          `/items/articles?${q({ fields: 'id,comments.id', deep: { comments: { _sort: [`article.${f}`] } } })}`,
      ],
      [
        'articles filtered through comments (o2m) back to article.<field>',
        (f) =>
          `/items/articles?${q({ fields: 'id', filter: { comments: { article: { [f]: { _nnull: true } } } } })}`,
      ],
    ];
    for (const [name, url] of cases) {
      it(`${name} → 403 (control with title → 200)`, async () => {
        const control = await alice()('GET', url('title'));
        assert.equal(control.status, 200, `control: ${control.text}`);
        refused(await alice()('GET', url('internal_notes')), name, 'needle');
      });
    }

    it('wildcards at every depth leave the hidden field out (*.*, comments.article.*)', async () => {
      for (const url of [
        '/items/articles?fields=*.*&limit=-1',
        '/items/comments?fields=*.*&limit=-1',
        '/items/comments?fields=id,article.*&limit=-1',
      ]) {
        const res = await alice()('GET', url);
        assert.equal(res.status, 200, `${url}: ${res.text}`);
        assert.equal(res.text.includes('needle'), false, `${url} leaks internal_notes`);
        assert.equal(res.text.includes('internal_notes'), false, `${url} names internal_notes`);
      }
    });
  });

  describe('concealed directus_users fields, for a role that reads directus_users with fields *', () => {
    const carolToken = 'carol-static-token-0123456789abcdef';
    let carol: Caller;

    before(async () => {
      carol = w.caller('carol');
      await w.adminOk('PATCH', `/users/${w.users.bob.id}`, { token: carolToken });
    });

    it('control: carol lists users with fields=id,email', async () => {
      const res = await carol('GET', '/users?fields=id,email&sort=email');
      assert.equal(res.status, 200, res.text);
      assert.ok(res.body.data.length >= 4, res.text);
    });

    it('fields=password,token,tfa_secret read masked (or null), never the stored value', async () => {
      const res = await carol('GET', '/users?fields=id,password,token,tfa_secret');
      assert.equal(res.status, 200, res.text);
      for (const row of res.body.data as Array<Record<string, unknown>>) {
        for (const field of ['password', 'token', 'tfa_secret']) {
          assert.ok(
            row[field] === null || row[field] === '**********',
            `${field}: ${JSON.stringify(row[field])}`,
          );
        }
      }
      assert.equal(res.text.includes('$argon2'), false);
      assert.equal(res.text.includes(hashToken(carolToken)), false);
      const one = await carol('GET', `/users/${w.users.bob.id}?fields=password,token`);
      assert.deepEqual(one.body.data, { password: '**********', token: '**********' }, one.text);
    });

    const CONCEALED: Array<[string, (f: string) => string]> = [
      [
        'filter _starts_with',
        (f) => `/users?${q({ fields: 'id', filter: { [f]: { _starts_with: '$argon2' } } })}`,
      ],
      ['filter _nnull', (f) => `/users?${q({ fields: 'id', filter: { [f]: { _nnull: true } } })}`],
      ['filter _null', (f) => `/users?${q({ fields: 'id', filter: { [f]: { _null: true } } })}`],
      [
        'filter via articles.author.<field>',
        (f) => `/items/articles?${q({ fields: 'id', filter: { author: { [f]: { _nnull: true } } } })}`,
      ],
      ['sort', (f) => `/users?fields=id&sort=${f}`],
      ['sort descending', (f) => `/users?fields=id&sort=-${f}`],
      ['aggregate min', (f) => `/users?aggregate[min]=${f}`],
      ['aggregate max', (f) => `/users?aggregate[max]=${f}`],
      ['aggregate countDistinct', (f) => `/users?aggregate[countDistinct]=${f}`],
      ['groupBy', (f) => `/users?groupBy=${f}&aggregate[count]=*`],
    ];
    for (const field of ['password', 'token', 'tfa_secret']) {
      for (const [name, url] of CONCEALED) {
        it(`${field}: ${name} → 403 (control on email → 200)`, async () => {
          const control = await carol('GET', url('email'));
          assert.equal(control.status, 200, `control: ${control.text}`);
          refused(await carol('GET', url(field)), `${field} ${name}`, '$argon2');
        });
      }
    }

    it('search does not look into password or token hashes', async () => {
      for (const needle of ['argon2', hashToken(carolToken).slice(0, 16)]) {
        const res = await carol('GET', `/users?fields=id&search=${encodeURIComponent(needle)}`);
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.body.data, [], `search ${needle}`);
      }
      const control = await carol('GET', `/users?fields=id&search=${encodeURIComponent('bob@')}`);
      assert.deepEqual(control.body.data, [{ id: w.users.bob.id }], control.text);
    });

    it('concealed fields stay unfilterable for the admin too (the value never leaks one bit at a time)', async () => {
      const res = await w.admin(
        'GET',
        `/users?${q({ fields: 'id', filter: { password: { _starts_with: '$argon2' } } })}`,
      );
      assert.equal(res.status, 403, res.text);
    });
  });
});
