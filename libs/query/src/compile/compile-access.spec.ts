import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Access } from '../query-types';
import { assertPlaceholdersMatch, boundValues, compileRaw, USER_ID } from '../testing/compile.helpers';

/** Published articles (four fields), comments scoring above 2, the caller's own author row (two fields). */
const ACCESS: Access = Object.freeze({
  collections: {
    articles: { rowFilter: { status: { _eq: 'published' } }, fields: ['id', 'title', 'comments', 'author'] },
    comments: { rowFilter: { score: { _gt: 2 } }, fields: '*' as const },
    authors: { rowFilter: { email: { _eq: '$CURRENT_USER' } }, fields: ['id', 'name'] },
  },
} satisfies Access);

type Row = [description: string, params: Record<string, unknown>, patterns: string[], values: unknown[]];

describe('compileRead: access row filters are AND-ed in at every level', () => {
  const rows: Row[] = [
    [
      'root: row filter alone',
      { fields: 'id' },
      ['FROM "articles" AS t0 WHERE t0."status" = $? ORDER BY'],
      ['published'],
    ],
    [
      'root: row filter ∧ user filter',
      { fields: 'id', 'filter[title][_eq]': 'x' },
      ['FROM "articles" AS t0 WHERE (t0."status" = $? AND t0."title" = $?) ORDER BY'],
      ['published', 'x'],
    ],
    [
      'root: row filter ∧ search over readable fields only',
      { fields: 'id', search: 'abc' },
      ['FROM "articles" AS t0 WHERE (t0."status" = $? AND ((t0."title" ILIKE $?::text))) ORDER BY'],
      ['published', '%abc%'],
    ],
    [
      'nested o2m: the target row filter joins the link',
      { fields: 'comments.score' },
      ['FROM "comments" AS t# WHERE t#."article" = t0."id" AND t#."score" > $? ORDER BY'],
      [2],
    ],
    [
      'nested m2o: the target row filter, with $CURRENT_USER bound',
      { fields: 'author.name' },
      ['FROM "authors" AS t# WHERE t#."id" = t0."author" AND t#."email" = $? LIMIT 1'],
      [USER_ID],
    ],
    [
      'relational filter: the target row filter inside EXISTS',
      { fields: 'id', 'filter[comments][body][_eq]': 'hi' },
      [
        'EXISTS (SELECT 1 FROM "comments" AS t1 WHERE t1."article" = t0."id" AND (t1."body" = $? AND t1."score" > $?))',
      ],
      ['hi', 2],
    ],
    [
      'm2o filter: the target row filter inside EXISTS',
      { fields: 'id', 'filter[author][name][_eq]': 'Ann' },
      [
        'EXISTS (SELECT 1 FROM "authors" AS t1 WHERE t1."id" = t0."author" AND (t1."name" = $? AND t1."email" = $?))',
      ],
      ['Ann', USER_ID],
    ],
    [
      'count(o2m) counts visible rows only',
      { fields: 'count(comments)' },
      ['(SELECT count(*) FROM "comments" AS t1 WHERE t1."article" = t0."id" AND t1."score" > $?)'],
      [2],
    ],
    [
      'sort through an m2o sees visible rows only',
      { fields: 'id', sort: 'author.name' },
      [
        'ORDER BY (SELECT t#."name" FROM "authors" AS t# WHERE t#."id" = t0."author" AND t#."email" = $? LIMIT 1) ASC',
      ],
      [USER_ID],
    ],
    [
      'meta: total_count with the row filter, filter_count with both',
      { fields: 'id', meta: '*', 'filter[title][_eq]': 'x' },
      [
        `'total_count', (SELECT count(*) FROM "articles" AS t1 WHERE t1."status" = $?)`,
        `'filter_count', (SELECT count(*) FROM "articles" AS t2 WHERE (t2."status" = $? AND t2."title" = $?))`,
      ],
      ['published', 'published', 'x'],
    ],
    [
      'one item by key: key ∧ row filter',
      { fields: 'id' },
      ['FROM "articles" AS t0 WHERE t0."id" = $? AND t0."status" = $? LIMIT 1'],
      [1, 'published'],
    ],
    [
      'aggregate: the row filter applies to the inputs',
      { 'aggregate[count]': '*' },
      ['FROM "articles" AS t0 WHERE t0."status" = $?) AS s'],
      ['published'],
    ],
  ];
  for (const [description, params, patterns, values] of rows) {
    it(description, () => {
      const byKey = description.startsWith('one item') ? '1' : undefined;
      const compiled = compileRaw(params, { access: ACCESS, byKey });
      assert.deepEqual(boundValues(compiled, patterns), values);
      assertPlaceholdersMatch(compiled);
    });
  }

  it('* expands to the allowed fields only', () => {
    const compiled = compileRaw({ fields: '*' }, { access: ACCESS });
    for (const hidden of ['body', 'status', 'views', 'notes', 'tags']) {
      assert.ok(!compiled.values.includes(hidden), `${hidden} is not readable`);
    }
    assert.deepEqual(
      compiled.values.filter((value) => ['id', 'title', 'comments', 'author'].includes(value as string)),
      ['id', 'title', 'author', 'comments'],
    );
  });

  it('* skips relations into unreadable collections', () => {
    const access: Access = { collections: { articles: { rowFilter: null, fields: '*' } } };
    const compiled = compileRaw({ fields: '*' }, { access });
    assert.ok(!compiled.values.includes('comments') && !compiled.values.includes('tags'));
    assert.ok(compiled.values.includes('author'), 'an m2o stays as its key');
  });
});

describe('compileRead: access refusals are 403', () => {
  const rows: Array<[description: string, params: Record<string, unknown>, collection?: string]> = [
    ['an explicit field outside the allowed set', { fields: 'body' }],
    ['a nested field outside the allowed set', { fields: 'author.email' }],
    ['filtering on a field outside the allowed set', { 'filter[body][_eq]': 'x' }],
    ['filtering through an m2o on a hidden field', { 'filter[author][email][_eq]': 'x' }],
    ['sorting on a field outside the allowed set', { sort: 'views' }],
    ['sorting through an m2o on a hidden field', { sort: 'author.email' }],
    ['aggregating a field outside the allowed set', { 'aggregate[sum]': 'views' }],
    ['grouping by a field outside the allowed set', { 'aggregate[count]': '*', groupBy: 'status' }],
    ['a collection missing from the access map', {}, 'tags'],
    ['a relation outside the allowed set', { fields: 'tags.id' }],
  ];
  for (const [description, params, collection] of rows) {
    it(description, () => {
      assert.throws(() => compileRaw(params, { access: ACCESS, collection }), { code: 'FORBIDDEN' });
    });
  }

  it('an explicit relation into a collection missing from the map', () => {
    const access: Access = { collections: { articles: { rowFilter: null, fields: '*' } } };
    assert.throws(() => compileRaw({ fields: 'comments.id' }, { access }), { code: 'FORBIDDEN' });
    assert.throws(() => compileRaw({ 'filter[author][name][_eq]': 'x' }, { access }), { code: 'FORBIDDEN' });
  });

  it('row filters may use fields the caller cannot read', () => {
    // `status` is not readable, yet the permission filter on it compiles.
    const compiled = compileRaw({ fields: 'id' }, { access: ACCESS });
    assert.match(compiled.text, /t0\."status" = \$\d+/);
  });
});
