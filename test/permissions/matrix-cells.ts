import assert from 'node:assert/strict';
import type { TestResponse } from '../support/test-app';
import {
  ALL_ARTICLE_FIELDS,
  EDITOR_ARTICLE_FIELDS,
  PUBLIC_ARTICLE_FIELDS,
  q,
  type ArticleRow,
  type BlogWorld,
} from './permissions-fixture';

/** The three callers of the matrix: alice (editor), carol (reviewer), anonymous (public). */
export type Who = 'alice' | 'carol' | 'public';
export const WHO: readonly Who[] = ['alice', 'carol', 'public'];

/** Which articles each caller may read, as the fixture's rules say. */
export const VISIBLE: Record<Who, (w: BlogWorld, article: ArticleRow) => boolean> = {
  alice: (w, article) => article.author === w.users.alice.id,
  carol: (_, article) => article.status === 'published',
  public: (_, article) => article.status === 'published',
};

/** Which article fields each caller may read. */
export const READABLE: Record<Who, readonly string[]> = {
  alice: EDITOR_ARTICLE_FIELDS,
  carol: ALL_ARTICLE_FIELDS,
  public: PUBLIC_ARTICLE_FIELDS,
};

/** Whether `who` may read articles' `fields` (every one of them). */
export const can = (who: Who, ...fields: string[]) => fields.every((field) => READABLE[who].includes(field));

/** The articles `who` may read (optionally narrowed), in primary-key order. */
export function visible(w: BlogWorld, who: Who, also: (a: ArticleRow) => boolean = () => true): ArticleRow[] {
  return w.articles.filter((article) => VISIBLE[who](w, article) && also(article));
}

export const ids = (rows: ArticleRow[]) => rows.map((row) => row.id);

/** An article as the API renders these fields (o2m `comments` as the sorted comment keys). */
export function pick(w: BlogWorld, article: ArticleRow, fields: readonly string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of fields) {
    row[field] =
      field === 'comments'
        ? w.comments.filter((c) => c.article === article.id).map((c) => c.id)
        : article[field as keyof ArticleRow];
  }
  return row;
}

/** Sorts nested o2m arrays so comparisons do not depend on their order. */
export function normalise(data: unknown): unknown {
  if (Array.isArray(data)) {
    const items = data.map(normalise);
    return items.every((item) => typeof item === 'number')
      ? [...(items as number[])].sort((a, b) => a - b)
      : items;
  }
  if (data && typeof data === 'object') {
    return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, normalise(value)]));
  }
  return data;
}

/** What one cell should answer one caller. */
export type Outcome =
  | { status: 403; code: 'FORBIDDEN' }
  | { status: 200; data?: unknown; meta?: unknown; check?: (res: TestResponse) => void };

export const DENIED: Outcome = { status: 403, code: 'FORBIDDEN' };
export const ok = (data: unknown, meta?: unknown): Outcome => ({ status: 200, data, meta });
/** `ok(data)` when `who` may read `fields`, else 403. */
export const ifCan = (who: Who, fields: string[], data: () => unknown): Outcome =>
  can(who, ...fields) ? ok(data()) : DENIED;

export interface Cell {
  name: string;
  method?: string;
  url: (w: BlogWorld) => string;
  body?: (w: BlogWorld) => unknown;
  expect: (w: BlogWorld, who: Who) => Outcome;
  /** Turns the response body into what `data` is compared with (default: `body.data`, normalised). */
  actual?: (res: TestResponse) => unknown;
}

const first = (w: BlogWorld, author: 'alice' | 'bob' | 'carol', status: ArticleRow['status']) => {
  const found = w.articles.find((a) => a.author === w.users[author].id && a.status === status);
  assert.ok(found, `fixture has a ${status} article by ${author}`);
  return found;
};

const commentsOf = (w: BlogWorld, article: number) =>
  w.comments.filter((c) => c.article === article).map((c) => ({ id: c.id, body: c.body }));

const byStatus = (rows: unknown) =>
  (rows as Array<Record<string, unknown>>)
    .map((row): Record<string, unknown> => ({ ...row, count: Number(row.count) }))
    .sort((a, b) => String(a.status).localeCompare(String(b.status)));

function groupCount(rows: ArticleRow[]) {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  return [...counts]
    .map(([status, count]) => ({ status, count }))
    .sort((a, b) => a.status.localeCompare(b.status));
}

/** Reads through every items read endpoint and query parameter. */
export const READ_CELLS: Cell[] = [
  {
    name: 'GET list: only permitted rows (fields=id, sort=id, limit=-1)',
    url: () => '/items/articles?fields=id&sort=id&limit=-1',
    expect: (w, who) => ok(ids(visible(w, who)).map((id) => ({ id }))),
  },
  {
    name: 'GET list with no parameters: fields=* expands to the readable fields only',
    url: () => '/items/articles',
    expect: (w, who) => ok(visible(w, who).map((a) => pick(w, a, READABLE[who]))),
    actual: (res) => normalise([...(res.body.data as Array<{ id: number }>)].sort((a, b) => a.id - b.id)),
  },
  {
    name: 'fields=*: readable fields only (internal_notes absent for the editor)',
    url: () => '/items/articles?fields=*&sort=id&limit=-1',
    expect: (w, who) => ok(visible(w, who).map((a) => pick(w, a, READABLE[who]))),
  },
  {
    name: 'fields=id,internal_notes explicitly',
    url: () => '/items/articles?fields=id,internal_notes&sort=id&limit=-1',
    expect: (w, who) =>
      ifCan(who, ['internal_notes'], () => visible(w, who).map((a) => pick(w, a, ['id', 'internal_notes']))),
  },
  {
    name: 'fields=id,body explicitly',
    url: () => '/items/articles?fields=id,body&sort=id&limit=-1',
    expect: (w, who) => ifCan(who, ['body'], () => visible(w, who).map((a) => pick(w, a, ['id', 'body']))),
  },
  {
    name: 'fields=id,author.email (m2o into directus_users)',
    url: () => '/items/articles?fields=id,author.email&sort=id&limit=-1',
    expect: (w, who) =>
      ifCan(who, ['author'], () =>
        visible(w, who).map((a) => ({
          id: a.id,
          author: { email: Object.values(w.users).find((u) => u.id === a.author)?.email },
        })),
      ),
  },
  {
    name: 'fields=id,comments.id,comments.body (o2m)',
    url: () => '/items/articles?fields=id,comments.id,comments.body&sort=id&limit=-1',
    expect: (w, who) =>
      ifCan(who, ['comments'], () =>
        visible(w, who).map((a) => ({ id: a.id, comments: commentsOf(w, a.id) })),
      ),
    actual: (res) =>
      (res.body.data as Array<{ id: number; comments: Array<{ id: number }> }>).map((row) => ({
        ...row,
        comments: [...row.comments].sort((a, b) => a.id - b.id),
      })),
  },
  {
    name: 'fields=comments.article.internal_notes: the hidden field is refused at depth',
    url: () => '/items/articles?fields=id,comments.article.internal_notes&sort=id&limit=-1',
    expect: (w, who) =>
      ifCan(who, ['comments', 'internal_notes'], () =>
        visible(w, who).map((a) => ({
          id: a.id,
          comments: commentsOf(w, a.id).map(() => ({ article: { internal_notes: a.internal_notes } })),
        })),
      ),
  },
  {
    name: 'filter[status][_eq]=draft (bracket form)',
    url: () => '/items/articles?fields=id&sort=id&limit=-1&filter[status][_eq]=draft',
    expect: (w, who) =>
      ifCan(who, ['status'], () => ids(visible(w, who, (a) => a.status === 'draft')).map((id) => ({ id }))),
  },
  {
    name: 'filter={"title":{"_contains":"by bob"}} (JSON form)',
    url: () =>
      `/items/articles?fields=id&sort=id&limit=-1&${q({ filter: { title: { _contains: 'by bob' } } })}`,
    expect: (w, who) => ok(ids(visible(w, who, (a) => a.author === w.users.bob.id)).map((id) => ({ id }))),
  },
  {
    name: 'filter author = bob',
    url: (w) =>
      `/items/articles?fields=id&sort=id&limit=-1&${q({ filter: { author: { _eq: w.users.bob.id } } })}`,
    expect: (w, who) =>
      ifCan(who, ['author'], () =>
        ids(visible(w, who, (a) => a.author === w.users.bob.id)).map((id) => ({ id })),
      ),
  },
  {
    name: 'relational filter author.email = alice (through directus_users)',
    url: (w) =>
      `/items/articles?fields=id&sort=id&limit=-1&${q({ filter: { author: { email: { _eq: w.users.alice.email } } } })}`,
    expect: (w, who) =>
      ifCan(who, ['author'], () =>
        ids(visible(w, who, (a) => a.author === w.users.alice.id)).map((id) => ({ id })),
      ),
  },
  {
    name: 'filter _or(status archived, views > 250)',
    url: () =>
      `/items/articles?fields=id&sort=id&limit=-1&${q({
        filter: { _or: [{ status: { _eq: 'archived' } }, { views: { _gt: 250 } }] },
      })}`,
    expect: (w, who) =>
      ifCan(who, ['status', 'views'], () =>
        ids(visible(w, who, (a) => a.status === 'archived' || a.views > 250)).map((id) => ({ id })),
      ),
  },
  {
    name: 'sort=-views&limit=5',
    url: () => '/items/articles?fields=id&sort=-views&limit=5',
    expect: (w, who) =>
      ifCan(who, ['views'], () =>
        visible(w, who)
          .sort((a, b) => b.views - a.views)
          .slice(0, 5)
          .map((a) => ({ id: a.id })),
      ),
  },
  {
    name: 'sort=-title',
    url: () => '/items/articles?fields=id,title&sort=-title&limit=-1',
    expect: (w, who) =>
      ok(
        visible(w, who)
          .sort((a, b) => (a.title < b.title ? 1 : -1))
          .map((a) => pick(w, a, ['id', 'title'])),
      ),
  },
  {
    name: 'search=gardening (a word only bodies hold)',
    url: () => '/items/articles?fields=id&sort=id&limit=-1&search=gardening',
    expect: (w, who) =>
      ok(ids(visible(w, who, (a) => can(who, 'body') && a.body.includes('gardening'))).map((id) => ({ id }))),
  },
  {
    name: 'search=bob (a word only titles hold)',
    url: () => '/items/articles?fields=id&sort=id&limit=-1&search=bob',
    expect: (w, who) => ok(ids(visible(w, who, (a) => a.title.includes('bob'))).map((id) => ({ id }))),
  },
  {
    name: 'search=zqx (a needle only internal_notes hold)',
    url: () => '/items/articles?fields=id&sort=id&limit=-1&search=zqx',
    expect: (w, who) => ok(ids(visible(w, who, () => can(who, 'internal_notes'))).map((id) => ({ id }))),
  },
  {
    name: 'limit=2&page=2',
    url: () => '/items/articles?fields=id&sort=id&limit=2&page=2',
    expect: (w, who) =>
      ok(
        ids(visible(w, who))
          .slice(2, 4)
          .map((id) => ({ id })),
      ),
  },
  {
    name: 'offset=3&limit=2',
    url: () => '/items/articles?fields=id&sort=id&limit=2&offset=3',
    expect: (w, who) =>
      ok(
        ids(visible(w, who))
          .slice(3, 5)
          .map((id) => ({ id })),
      ),
  },
  {
    name: 'meta=total_count,filter_count counts permitted rows only',
    url: () =>
      `/items/articles?fields=id&sort=id&limit=1&meta=total_count,filter_count&${q({
        filter: { title: { _contains: '(published)' } },
      })}`,
    expect: (w, who) => {
      const matching = visible(w, who, (a) => a.status === 'published');
      return ok(
        ids(matching)
          .slice(0, 1)
          .map((id) => ({ id })),
        {
          total_count: visible(w, who).length,
          filter_count: matching.length,
        },
      );
    },
  },
  {
    name: 'meta=* with search',
    url: () => '/items/articles?fields=id&sort=id&limit=-1&meta=*&search=bob',
    expect: (w, who) => {
      const matching = visible(w, who, (a) => a.title.includes('bob'));
      return ok(
        ids(matching).map((id) => ({ id })),
        {
          total_count: visible(w, who).length,
          filter_count: matching.length,
        },
      );
    },
  },
  {
    name: 'aggregate[count]=*',
    url: () => '/items/articles?aggregate[count]=*',
    expect: (w, who) => ok([{ count: visible(w, who).length }]),
    actual: (res) =>
      (res.body.data as Array<{ count: unknown }>).map((row) => ({ count: Number(row.count) })),
  },
  {
    name: 'aggregate[count]=*&groupBy=status',
    url: () => '/items/articles?aggregate[count]=*&groupBy=status',
    expect: (w, who) => ifCan(who, ['status'], () => groupCount(visible(w, who))),
    actual: (res) => byStatus(res.body.data),
  },
  {
    name: 'aggregate sum/max of views',
    url: () => `/items/articles?${q({ aggregate: { sum: ['views'], max: ['views'] } })}`,
    expect: (w, who) =>
      ifCan(who, ['views'], () => {
        const views = visible(w, who).map((a) => a.views);
        return [{ sum: { views: views.reduce((s, v) => s + v, 0) }, max: { views: Math.max(...views) } }];
      }),
    actual: (res) =>
      (res.body.data as Array<{ sum: { views: unknown }; max: { views: unknown } }>).map((row) => ({
        sum: { views: Number(row.sum.views) },
        max: { views: Number(row.max.views) },
      })),
  },
  {
    name: 'aggregate[countDistinct]=author',
    url: () => '/items/articles?aggregate[countDistinct]=author',
    expect: (w, who) =>
      ifCan(who, ['author'], () => [
        { countDistinct: { author: new Set(visible(w, who).map((a) => a.author)).size } },
      ]),
    actual: (res) =>
      (res.body.data as Array<{ countDistinct: { author: unknown } }>).map((row) => ({
        countDistinct: { author: Number(row.countDistinct.author) },
      })),
  },
  {
    name: 'aggregate[max]=internal_notes',
    url: () => '/items/articles?aggregate[max]=internal_notes',
    expect: (w, who) =>
      ifCan(who, ['internal_notes'], () => [
        {
          max: {
            internal_notes: visible(w, who)
              .map((a) => a.internal_notes)
              .sort()
              .at(-1),
          },
        },
      ]),
  },
  {
    name: 'deep[comments][_filter] narrows the nested list',
    url: (w) => {
      const keep = w.comments.filter((_, i) => i % 2 === 0).map((c) => c.id);
      return `/items/articles?fields=id,comments.id&sort=id&limit=-1&${q({ deep: { comments: { _filter: { id: { _in: keep } } } } })}`;
    },
    expect: (w, who) => {
      const keep = new Set(w.comments.filter((_, i) => i % 2 === 0).map((c) => c.id));
      return ifCan(who, ['comments'], () =>
        visible(w, who).map((a) => ({
          id: a.id,
          comments: w.comments.filter((c) => c.article === a.id && keep.has(c.id)).map((c) => ({ id: c.id })),
        })),
      );
    },
  },
  {
    name: 'alias={"headline":"title"}',
    url: () => `/items/articles?fields=id,headline&sort=id&limit=-1&${q({ alias: { headline: 'title' } })}`,
    expect: (w, who) => ok(visible(w, who).map((a) => ({ id: a.id, headline: a.title }))),
  },
  {
    name: 'SEARCH with a body query',
    method: 'SEARCH',
    url: () => '/items/articles',
    body: () => ({
      query: { fields: ['id'], filter: { title: { _contains: 'Article' } }, sort: ['id'], limit: -1 },
    }),
    expect: (w, who) => ok(ids(visible(w, who)).map((id) => ({ id }))),
  },
  {
    name: 'SEARCH with every key: only the permitted ones come back',
    method: 'SEARCH',
    url: () => '/items/articles',
    body: (w) => ({ keys: ids(w.articles), query: { fields: ['id'], sort: ['id'], limit: -1 } }),
    expect: (w, who) => ok(ids(visible(w, who)).map((id) => ({ id }))),
  },
  {
    name: 'SEARCH asking for internal_notes',
    method: 'SEARCH',
    url: () => '/items/articles',
    body: () => ({ query: { fields: ['id', 'internal_notes'], sort: ['id'], limit: -1 } }),
    expect: (w, who) =>
      ifCan(who, ['internal_notes'], () => visible(w, who).map((a) => pick(w, a, ['id', 'internal_notes']))),
  },
  ...(
    [
      ['alice', 'published'],
      ['alice', 'draft'],
      ['bob', 'published'],
      ['bob', 'archived'],
      ['carol', 'draft'],
    ] as const
  ).map(([author, status]): Cell => ({
    name: `GET one: ${author}'s ${status} article`,
    url: (w) => `/items/articles/${first(w, author, status).id}?fields=id,title`,
    expect: (w, who) => {
      const article = first(w, author, status);
      return VISIBLE[who](w, article) ? ok(pick(w, article, ['id', 'title'])) : DENIED;
    },
  })),
  {
    name: "GET one with no fields: alice's published article, readable fields only",
    url: (w) => `/items/articles/${first(w, 'alice', 'published').id}`,
    expect: (w, who) => ok(pick(w, first(w, 'alice', 'published'), READABLE[who])),
  },
  {
    name: "GET one fields=internal_notes: alice's published article",
    url: (w) => `/items/articles/${first(w, 'alice', 'published').id}?fields=internal_notes`,
    expect: (w, who) =>
      ifCan(who, ['internal_notes'], () => pick(w, first(w, 'alice', 'published'), ['internal_notes'])),
  },
  {
    name: 'GET one: a key that does not exist',
    url: () => '/items/articles/99999?fields=id',
    expect: () => DENIED,
  },
  {
    name: 'comments with article.id: the m2o is null where the article is not readable',
    url: () => '/items/comments?fields=id,article.id&sort=id&limit=-1',
    expect: (w, who) =>
      who === 'public'
        ? DENIED
        : ok(
            w.comments.map((c) => {
              const article = w.articles.find((a) => a.id === c.article) as ArticleRow;
              return { id: c.id, article: VISIBLE[who](w, article) ? { id: article.id } : null };
            }),
          ),
  },
  {
    name: 'comments filtered by article.status=draft: unreadable articles never match',
    url: () => '/items/comments?fields=id&sort=id&limit=-1&filter[article][status][_eq]=draft',
    expect: (w, who) =>
      who === 'public'
        ? DENIED
        : ok(
            w.comments
              .filter((c) => {
                const article = w.articles.find((a) => a.id === c.article) as ArticleRow;
                return article.status === 'draft' && VISIBLE[who](w, article);
              })
              .map((c) => ({ id: c.id })),
          ),
  },
  {
    name: 'export=json: the file holds permitted rows and fields only',
    url: () => '/items/articles?export=json&sort=id&limit=-1',
    expect: (w, who) => ok(visible(w, who).map((a) => pick(w, a, READABLE[who]))),
    actual: (res) => normalise(res.body),
  },
  {
    name: 'export=json&fields=internal_notes',
    url: () => '/items/articles?export=json&fields=id,internal_notes&sort=id&limit=-1',
    expect: (w, who) =>
      ifCan(who, ['internal_notes'], () => visible(w, who).map((a) => pick(w, a, ['id', 'internal_notes']))),
    actual: (res) => res.body,
  },
];

/** Runs one cell for one caller and compares. */
export async function runCell(w: BlogWorld, cell: Cell, who: Who): Promise<void> {
  const url = cell.url(w);
  const method = cell.method ?? 'GET';
  const res = await w.caller(who)(method, url, cell.body?.(w));
  const want = cell.expect(w, who);
  const label = `${who} ${method} ${decodeURIComponent(url)}`;
  if (want.status === 403) {
    assert.equal(
      res.status,
      403,
      `${label}: expected 403 FORBIDDEN, got ${res.status}: ${res.text.slice(0, 300)}`,
    );
    assert.equal(res.body?.errors?.[0]?.extensions?.code, 'FORBIDDEN', `${label}: ${res.text.slice(0, 300)}`);
    return;
  }
  assert.equal(res.status, 200, `${label}: expected 200, got ${res.status}: ${res.text.slice(0, 300)}`);
  const actual = cell.actual ? cell.actual(res) : normalise(res.body.data);
  if (want.data !== undefined) assert.deepEqual(actual, normalise(want.data), label);
  if (want.meta !== undefined) assert.deepEqual(res.body.meta, want.meta, `${label} meta`);
  want.check?.(res);
}
