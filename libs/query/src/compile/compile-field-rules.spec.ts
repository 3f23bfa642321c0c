import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Access } from '../query-types';
import {
  assertPlaceholdersMatch,
  boundValues,
  compileRaw,
  type CompileOptions,
} from '../testing/compile.helpers';

/**
 * Two policies on articles, combined per item (Directus v11): policy 1 reads {id, title, views, status}
 * where status = published; policy 2 reads those and {body, author, comments, data} where views > 100.
 * So the row filter is the OR of both, and body/author/comments/data are readable on policy 2's rows only.
 */
const MINE = { views: { _gt: 100 } };
const ACCESS: Access = Object.freeze({
  collections: {
    articles: {
      rowFilter: { _or: [{ status: { _eq: 'published' } }, MINE] },
      fields: ['id', 'title', 'views', 'status', 'body', 'author', 'comments', 'data'],
      fieldFilters: { body: MINE, author: MINE, comments: MINE, data: MINE },
    },
    authors: { rowFilter: null, fields: ['id', 'name', 'articles'] },
    comments: { rowFilter: null, fields: '*' as const, fieldFilters: { article: { score: { _gt: 2 } } } },
  },
} satisfies Access);
const ROW_FILTER = '(t0."status" = $? OR t0."views" > $?)';

type Row = [
  description: string,
  params: Record<string, unknown>,
  patterns: string[],
  values: unknown[],
  collection?: string,
];

describe('compileRead: fields readable on some rows only are null on the others', () => {
  const rows: Row[] = [
    [
      'a scalar: CASE WHEN <its filter> THEN <value> END',
      { fields: 'id,body' },
      ['$?::text, t0."id", $?::text, CASE WHEN t0."views" > $? THEN t0."body" END'],
      ['id', 'body', 100],
    ],
    [
      '* keeps it, conditionally; plain fields stay plain',
      { fields: '*' },
      ['$?::text, t0."title",', '$?::text, CASE WHEN t0."views" > $? THEN t0."body" END'],
      ['title', 'body', 100],
    ],
    [
      'an m2o: the nested object is null',
      { fields: 'author.name' },
      [
        '$?::text, CASE WHEN t0."views" > $? THEN (SELECT json_build_object($?::text, t1."name") FROM "authors" AS t1 WHERE t1."id" = t0."author" LIMIT 1) END',
      ],
      ['author', 100, 'name'],
    ],
    [
      'an m2o as its key',
      { fields: 'author' },
      ['$?::text, CASE WHEN t0."views" > $? THEN t0."author" END'],
      ['author', 100],
    ],
    [
      'an o2m: the nested list is null',
      { fields: 'comments.body' },
      [
        '$?::text, CASE WHEN t0."views" > $? THEN (SELECT coalesce(json_agg(json_build_object($?::text, t1."body")',
      ],
      ['comments', 100, 'body'],
    ],
    [
      'a function of it (count of a conditional o2m)',
      { fields: 'count(comments)' },
      ['$?::text, CASE WHEN t0."views" > $? THEN to_json((SELECT count(*) FROM "comments" AS t1'],
      ['comments_count', 100],
    ],
    [
      'json() of a conditional JSON field',
      { fields: 'json(data, a)' },
      ['$?::text, CASE WHEN t0."views" > $? THEN to_json((t0."data" #> $?::text[])) END'],
      ['data_a_json', 100, ['a']],
    ],
    [
      'at depth: comments → article (conditional m2o) → body (conditional)',
      { fields: 'article.body' },
      [
        '$?::text, CASE WHEN t0."score" > $? THEN (SELECT json_build_object($?::text, CASE WHEN t1."views" > $? THEN t1."body" END) FROM "articles" AS t1 WHERE t1."id" = t0."article" AND (t1."status" = $? OR t1."views" > $?) LIMIT 1) END',
      ],
      ['article', 2, 'body', 100, 'published', 100],
      'comments',
    ],
    [
      'an o2m lists only rows whose foreign key is readable (authors.articles over a conditional articles.author)',
      { fields: 'articles.id' },
      [
        'FROM "articles" AS t1 WHERE t1."author" = t0."id" AND ((t1."status" = $? OR t1."views" > $?) AND t1."views" > $?)',
      ],
      ['published', 100, 100],
      'authors',
    ],
    [
      'search skips it (title and status are searched, body is not)',
      { fields: 'id', search: 'abc' },
      [`WHERE (${ROW_FILTER} AND ((t0."title" ILIKE $?::text) OR (t0."status" ILIKE $?::text))) ORDER BY`],
      ['published', 100, '%abc%', '%abc%'],
    ],
    [
      'meta counts rows by the row filter only, never by field rules',
      { fields: 'id', meta: '*', 'filter[title][_eq]': 'x' },
      [
        `'total_count', (SELECT count(*) FROM "articles" AS t1 WHERE (t1."status" = $? OR t1."views" > $?))`,
        `'filter_count', (SELECT count(*) FROM "articles" AS t2 WHERE ((t2."status" = $? OR t2."views" > $?) AND t2."title" = $?))`,
      ],
      ['published', 100, 'published', 100, 'x'],
    ],
  ];
  for (const [description, params, patterns, values, collection] of rows) {
    it(description, () => {
      const compiled = compileRaw(params, { access: ACCESS, collection });
      assert.deepEqual(boundValues(compiled, patterns), values);
      assertPlaceholdersMatch(compiled);
    });
  }

  it('admin reads have no conditions', () => {
    assert.ok(!compileRaw({ fields: '*' }).text.includes('CASE WHEN t0."views"'));
  });
});

describe('compileRead: a field readable on some rows only is never used to select or order rows (403)', () => {
  const rows: Array<[string, Record<string, unknown>, CompileOptions?]> = [
    ['filter on it', { 'filter[body][_eq]': 'x' }],
    ['filter on it inside _or', { filter: '{"_or":[{"title":{"_eq":"x"}},{"body":{"_null":true}}]}' }],
    ['filter through a conditional m2o', { 'filter[author][name][_eq]': 'Ann' }],
    ['filter on a conditional m2o key', { 'filter[author][_eq]': '1' }],
    ['filter through a conditional o2m', { 'filter[comments][score][_gt]': '1' }],
    ['count() of a conditional o2m in a filter', { 'filter[count(comments)][_gt]': '1' }],
    ['_json on a conditional JSON field', { filter: '{"data":{"_json":{"a":{"_eq":1}}}}' }],
    ['sort by it', { sort: '-body' }],
    ['sort through a conditional m2o', { sort: 'author.name' }],
    ['sort by json() of a conditional field', { sort: 'json(data, a)' }],
    ['aggregate it', { 'aggregate[countDistinct]': 'body' }],
    ['group by it', { 'aggregate[count]': '*', groupBy: 'author' }],
    [
      'a deep filter on it',
      { fields: 'articles.id', 'deep[articles][_filter][body][_eq]': 'x' },
      { collection: 'authors' },
    ],
    [
      'a deep sort on it',
      { fields: 'articles.id', 'deep[articles][_sort]': 'body' },
      { collection: 'authors' },
    ],
    ['a nested filter reaching it', { 'filter[articles][body][_eq]': 'x' }, { collection: 'authors' }],
    [
      '$FOLLOW through a conditional foreign key',
      { filter: '{"$FOLLOW(comments, article)":{"id":{"_eq":1}}}' },
    ],
  ];
  for (const [description, params, options] of rows) {
    it(description, () => {
      assert.throws(() => compileRaw(params, { access: ACCESS, ...options }), { code: 'FORBIDDEN' });
    });
  }
});

describe('compileRead: fields outside the allowed set at every depth', () => {
  const access: Access = {
    collections: {
      articles: { rowFilter: null, fields: ['id', 'title', 'author', 'comments'] },
      authors: { rowFilter: null, fields: ['id', 'name'] },
      comments: { rowFilter: null, fields: ['id', 'body', 'article'] },
    },
  };
  it('*.* drops them silently at the second level too', () => {
    const compiled = compileRaw({ fields: '*.*' }, { access });
    for (const hidden of ['email', 'secret', 'password', 'profile', 'score', 'status', 'views']) {
      assert.ok(!compiled.values.includes(hidden), `${hidden} is not readable`);
    }
    for (const shown of ['name', 'body', 'title'])
      assert.ok(compiled.values.includes(shown), `${shown} is readable`);
  });
  it('*.*.* drops them at the third level', () => {
    const compiled = compileRaw({ fields: 'comments.*.*' }, { access });
    assert.ok(!compiled.values.includes('status') && !compiled.values.includes('views'));
    assert.ok(compiled.values.includes('title'));
  });
  const refused: Array<[string, Record<string, unknown>]> = [
    ['explicitly at the second level', { fields: 'comments.score' }],
    ['explicitly at the third level', { fields: 'comments.article.status' }],
    ['in a nested filter', { 'filter[comments][score][_gt]': '1' }],
    ['in a deep filter', { fields: 'comments.id', 'deep[comments][_filter][score][_gt]': '1' }],
    ['in a deep sort', { fields: 'comments.id', 'deep[comments][_sort]': 'score' }],
    ['sort through an m2o', { sort: 'author.email' }],
  ];
  for (const [description, params] of refused) {
    it(`403: ${description}`, () =>
      assert.throws(() => compileRaw(params, { access }), { code: 'FORBIDDEN' }));
  }
  it('a deep search skips them', () => {
    const compiled = compileRaw({ fields: 'comments.id', 'deep[comments][_search]': 'abc' }, { access });
    assert.deepEqual(boundValues(compiled, '((t#."body" ILIKE $?::text))'), ['%abc%']);
  });
});
