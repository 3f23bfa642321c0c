import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertNotInlined,
  assertPlaceholdersMatch,
  boundValues,
  compileRaw,
  type CompileOptions,
} from '../testing/compile.helpers';

type Row = [
  description: string,
  params: Record<string, unknown>,
  patterns: string[],
  values: unknown[],
  options?: CompileOptions & { absent?: string[] },
];

/** One case: every pattern occurs (in order of its `$?`s the values are bound), no `absent` text does. */
function runTable(rows: Row[]): void {
  for (const [description, params, patterns, values, options = {}] of rows) {
    it(description, () => {
      const compiled = compileRaw(params, options);
      assert.deepEqual(boundValues(compiled, patterns), values);
      for (const text of options.absent ?? []) assert.ok(!compiled.text.includes(text), `unexpected ${text}`);
      assertPlaceholdersMatch(compiled);
    });
  }
}

/** The root level's ORDER BY … up to the page limit. */
const rootOrder = (order: string) => `FROM "articles" AS t0 ORDER BY ${order} LIMIT 100) AS t0`;
/** A bound output key followed by its value expression, up to the comma before the next key. */
const key = (expr: string) => `$?::text, ${expr},`;

describe('compileRead: fields', () => {
  runTable([
    [
      'explicit fields, in order, keys bound',
      { fields: 'id,title' },
      ['json_build_object($?::text, t0."id", $?::text, t0."title")'],
      ['id', 'title'],
      { absent: ['"body"'] },
    ],
    [
      '* lists every field, o2m/m2m plucked as keys',
      { fields: '*' },
      [
        key('t0."id"'),
        key('t0."notes"'),
        key('t0."author"'),
        '$?::text, (SELECT coalesce(json_agg(t#."id" ORDER BY t#."id" ASC), \'[]\'::json) FROM (SELECT t#.* FROM "comments" AS t# WHERE t#."article" = t0."id"',
        '$?::text, (SELECT coalesce(json_agg(t#."id" ORDER BY t#."id" ASC), \'[]\'::json) FROM (SELECT t#.* FROM "articles_tags" AS t# WHERE t#."articles_id" = t0."id"',
      ],
      ['id', 'notes', 'author', 'comments', 'tags'],
    ],
    ['no fields = *', {}, [key('t0."ref"')], ['ref']],
    [
      'bigint beyond 2^53 as text',
      { fields: 'big' },
      [
        '$?::text, CASE WHEN abs(t0."big") > 9007199254740991 THEN to_json(t0."big"::text) ELSE to_json(t0."big") END',
      ],
      ['big'],
    ],
    ['decimal as text', { fields: 'price' }, ['json_build_object($?::text, t0."price"::text)'], ['price']],
    [
      'timestamptz as ISO in UTC',
      { fields: 'created_at' },
      [
        `json_build_object($?::text, to_char(t0."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
      ],
      ['created_at'],
    ],
    [
      'timestamp without zone',
      { fields: 'local_at' },
      [`json_build_object($?::text, to_char(t0."local_at", 'YYYY-MM-DD"T"HH24:MI:SS'))`],
      ['local_at'],
    ],
    [
      'date',
      { fields: 'published_on' },
      [`json_build_object($?::text, to_char(t0."published_on", 'YYYY-MM-DD'))`],
      ['published_on'],
    ],
    ['time', { fields: 'at_time' }, ['json_build_object($?::text, t0."at_time"::text)'], ['at_time']],
    [
      'csv as an array',
      { fields: 'tags_csv' },
      [
        `$?::text, CASE WHEN t0."tags_csv" IS NULL THEN NULL WHEN t0."tags_csv"::text = '' THEN '[]'::json ELSE to_json(string_to_array(t0."tags_csv"::text, ',')) END`,
      ],
      ['tags_csv'],
    ],
    ['jsonb as is', { fields: 'data' }, ['json_build_object($?::text, t0."data")'], ['data']],
    [
      'concealed and hashed values masked',
      { fields: 'secret,password' },
      [
        `$?::text, CASE WHEN t0."secret" IS NULL THEN NULL ELSE to_json('**********'::text) END`,
        `$?::text, CASE WHEN t0."password" IS NULL THEN NULL ELSE to_json('**********'::text) END`,
      ],
      ['secret', 'password'],
      { collection: 'authors' },
    ],
    [
      'm2o without nesting is the key',
      { fields: 'author' },
      ['json_build_object($?::text, t0."author")'],
      ['author'],
    ],
    [
      'm2o nested: one row, LIMIT 1',
      { fields: 'id,author.name' },
      [
        '$?::text, (SELECT json_build_object($?::text, t1."name") FROM "authors" AS t1 WHERE t1."id" = t0."author" LIMIT 1)',
      ],
      ['author', 'name'],
    ],
    [
      'm2o .* expands the target',
      { fields: 'author.*' },
      ['(SELECT json_build_object($?::text, t1."id", $?::text, t1."name", $?::text, t1."email",'],
      ['id', 'name', 'email'],
    ],
    [
      'o2m nested: sorted, paged array',
      { fields: 'comments.body' },
      [
        `$?::text, (SELECT coalesce(json_agg(json_build_object($?::text, t1."body") ORDER BY t1."id" ASC), '[]'::json) FROM (SELECT t1.* FROM "comments" AS t1 WHERE t1."article" = t0."id" ORDER BY t1."id" ASC LIMIT 100) AS t1)`,
      ],
      ['comments', 'body'],
    ],
    [
      'm2m through the junction to the related row',
      { fields: 'tags.tags_id.name' },
      [
        'FROM "articles_tags" AS t1 WHERE t1."articles_id" = t0."id"',
        '(SELECT json_build_object($?::text, t2."name") FROM "tags" AS t2 WHERE t2."id" = t1."tags_id" LIMIT 1)',
      ],
      ['name'],
    ],
    [
      'backlink=false drops the way back',
      { fields: 'comments.*', backlink: 'false' },
      ['json_build_object($?::text, t1."id", $?::text, t1."body", $?::text, t1."score")'],
      ['id', 'body', 'score'],
      { absent: ['t1."article")'] },
    ],
    [
      'count(o2m) field, named <field>_count',
      { fields: 'count(comments)' },
      ['$?::text, to_json((SELECT count(*) FROM "comments" AS t1 WHERE t1."article" = t0."id"))'],
      ['comments_count'],
    ],
    [
      'year(date) field, named <field>_year',
      { fields: 'year(published_on)' },
      ['$?::text, to_json(CAST(floor(EXTRACT(YEAR FROM t0."published_on")) AS integer))'],
      ['published_on_year'],
    ],
    [
      'alias renames a field',
      { fields: 'headline', alias: '{"headline":"title"}' },
      ['json_build_object($?::text, t0."title")'],
      ['headline'],
    ],
    [
      'alias of a function',
      { fields: 'y', 'alias[y]': 'year(published_on)' },
      ['$?::text, to_json(CAST(floor(EXTRACT(YEAR FROM t0."published_on")) AS integer))'],
      ['y'],
    ],
    [
      'alias of a relation, nested',
      { fields: 'writer.name', 'alias[writer]': 'author' },
      [
        '$?::text, (SELECT json_build_object($?::text, t1."name") FROM "authors" AS t1 WHERE t1."id" = t0."author"',
      ],
      ['writer', 'name'],
    ],
  ]);
});

describe('compileRead: sort', () => {
  runTable([
    ['default: by the key', { fields: 'id' }, [rootOrder('t0."id" ASC')], []],
    [
      '- is descending, key tiebreak',
      { fields: 'id', sort: '-views' },
      [rootOrder('t0."views" DESC, t0."id" ASC')],
      [],
    ],
    [
      'multiple',
      { fields: 'id', sort: 'status,-views' },
      [rootOrder('t0."status" ASC, t0."views" DESC, t0."id" ASC')],
      [],
    ],
    [
      'key given: no tiebreak',
      { fields: 'id', sort: 'title,-id' },
      [rootOrder('t0."title" ASC, t0."id" DESC')],
      [],
    ],
    ['JSON list form', { fields: 'id', sort: '["-title"]' }, [rootOrder('t0."title" DESC, t0."id" ASC')], []],
    [
      'through an m2o',
      { fields: 'id', sort: 'author.name' },
      [
        rootOrder(
          '(SELECT t1."name" FROM "authors" AS t1 WHERE t1."id" = t0."author" LIMIT 1) ASC, t0."id" ASC',
        ),
      ],
      [],
    ],
    [
      'by a function',
      { fields: 'id', sort: '-year(published_on)' },
      [rootOrder('CAST(floor(EXTRACT(YEAR FROM t0."published_on")) AS integer) DESC, t0."id" ASC')],
      [],
    ],
    [
      'by count(o2m)',
      { fields: 'id', sort: 'count(comments)' },
      [rootOrder('(SELECT count(*) FROM "comments" AS t1 WHERE t1."article" = t0."id") ASC, t0."id" ASC')],
      [],
    ],
    [
      'plain columns: the aggregate sorts the page again, no row numbers',
      { fields: 'id', sort: '-views' },
      [
        `json_agg(json_build_object($?::text, t0."id") ORDER BY t0."views" DESC, t0."id" ASC), '[]'::json) FROM (SELECT t0.* FROM "articles" AS t0 ORDER BY t0."views" DESC, t0."id" ASC LIMIT 100) AS t0)`,
      ],
      ['id'],
      { absent: ['"atrium row"', 'row_number()'] },
    ],
    [
      'an m2o sort: the window numbers rows in the same order, the aggregate follows the numbers',
      { fields: 'id', sort: 'author.name' },
      [
        `json_agg(json_build_object($?::text, t0."id") ORDER BY t0."atrium row"), '[]'::json) FROM (SELECT t0.*, row_number() OVER (ORDER BY (SELECT t1."name" FROM "authors" AS t1 WHERE t1."id" = t0."author" LIMIT 1) ASC, t0."id" ASC) AS "atrium row" FROM "articles" AS t0 ORDER BY (SELECT t1."name" FROM "authors" AS t1 WHERE t1."id" = t0."author" LIMIT 1) ASC, t0."id" ASC LIMIT 100) AS t0)`,
      ],
      ['id'],
    ],
  ]);
});

describe('compileRead: limit, offset, page', () => {
  const page = (tail: string) => `ORDER BY t0."id" ASC${tail}) AS t0)) AS result`;
  runTable([
    ['default limit', { fields: 'id' }, [page(' LIMIT 100')], []],
    ['limit', { fields: 'id', limit: '5' }, [page(' LIMIT 5')], []],
    ['limit=0', { fields: 'id', limit: '0' }, [page(' LIMIT 0')], []],
    ['limit=-1: no LIMIT', { fields: 'id', limit: '-1' }, [page('')], [], { absent: ['LIMIT'] }],
    ['offset', { fields: 'id', offset: '3' }, [page(' LIMIT 100 OFFSET 3')], []],
    ['page → offset', { fields: 'id', limit: '5', page: '3' }, [page(' LIMIT 5 OFFSET 10')], []],
    ['page=1: no OFFSET', { fields: 'id', page: '1' }, [page(' LIMIT 100')], [], { absent: ['OFFSET'] }],
    [
      'page without limit: pages of the default size',
      { fields: 'id', page: '3' },
      [page(' LIMIT 100 OFFSET 200')],
      [],
    ],
    [
      'limit=-1 under a max → the max',
      { fields: 'id', limit: '-1' },
      [page(' LIMIT 50')],
      [],
      { limits: { default: 100, max: 50 } },
    ],
    [
      'default above the max → the max',
      { fields: 'id' },
      [page(' LIMIT 50')],
      [],
      { limits: { default: 100, max: 50 } },
    ],
    [
      'limit and offset written as literals',
      { fields: 'id', limit: '7', offset: '3' },
      [page(' LIMIT 7 OFFSET 3')],
      [],
    ],
  ]);
  // Bound page bounds would make PostgreSQL re-plan every prepared read instead of reusing a generic plan.
  it('limit and offset are never bound values', () => {
    const compiled = compileRaw({ fields: 'id', limit: '7', offset: '3' });
    assert.ok(!compiled.values.includes(7) && !compiled.values.includes(3), 'limit/offset bound as values');
    assert.doesNotMatch(compiled.text, /(LIMIT|OFFSET) \$\d+/);
    assertPlaceholdersMatch(compiled);
  });
});

describe('compileRead: meta', () => {
  runTable([
    [
      'total_count',
      { fields: 'id', meta: 'total_count' },
      [`'meta', json_build_object('total_count', (SELECT count(*) FROM "articles" AS t#))`],
      [],
    ],
    [
      'filter_count counts with the filter',
      { fields: 'id', meta: 'filter_count', 'filter[views][_gt]': '3' },
      [
        `'meta', json_build_object('filter_count', (SELECT count(*) FROM "articles" AS t1 WHERE t1."views" > $?))`,
      ],
      [3],
    ],
    [
      '* gives both',
      { fields: 'id', meta: '*', 'filter[status][_eq]': 'draft' },
      [
        `'total_count', (SELECT count(*) FROM "articles" AS t1)`,
        `'filter_count', (SELECT count(*) FROM "articles" AS t2 WHERE t2."status" = $?)`,
      ],
      ['draft'],
    ],
    [
      'both without a filter or search of the query: one count, given twice',
      { fields: 'id', meta: 'total_count,filter_count' },
      [
        `'meta', (SELECT json_build_object('total_count', c.n, 'filter_count', c.n) FROM (SELECT (SELECT count(*) FROM "articles" AS t1) AS n) c)`,
      ],
      [],
    ],
    [
      'both with a search: counted apart',
      { fields: 'id', meta: '*', search: 'abc' },
      [`'total_count', (SELECT count(*) FROM "articles" AS t1)`, `'filter_count', (SELECT count(*) FROM`],
      [],
    ],
    ['no meta asked: none', { fields: 'id' }, [], [], { absent: ["'meta'"] }],
  ]);

  it('one count when nothing but the row filter narrows both', () => {
    const compiled = compileRaw(
      { fields: 'id', meta: '*' },
      {
        access: {
          collections: { articles: { rowFilter: { status: { _eq: 'published' } }, fields: '*' } },
        },
      },
    );
    assert.equal(compiled.text.match(/count\(\*\)/g)?.length, 1, compiled.text);
  });
});

describe('compileRead: search', () => {
  const root = (expr: string) => `FROM "articles" AS t0 WHERE ${expr} ORDER BY`;
  runTable([
    [
      'text: ILIKE on string/text fields, not unsearchable or csv ones',
      { fields: 'id', search: 'abc' },
      [root('((t0."title" ILIKE $?::text) OR (t0."body" ILIKE $?::text) OR (t0."status" ILIKE $?::text))')],
      ['%abc%', '%abc%', '%abc%'],
      { absent: ['"notes" ILIKE', '"tags_csv" ILIKE', "'abc'"] },
    ],
    [
      'a number also matches numeric fields',
      { fields: 'id', search: '5' },
      [
        'WHERE (t0."id" = $? OR (t0."title" ILIKE $?::text)',
        't0."views" = $?',
        't0."rank" = $?',
        't0."big" = $?',
        't0."price" = $?',
        't0."ratio" = $?',
        't0."author" = $?',
      ],
      [5, '%5%', 5, 5, 5, '5', '5', 5],
    ],
    [
      'beyond smallint: smallint field skipped',
      { fields: 'id', search: '40000' },
      ['t0."views" = $?'],
      [40000],
      { absent: ['t0."rank" ='] },
    ],
    [
      'a uuid matches uuid fields',
      { fields: 'id', search: 'a81bc81b-dead-4e5d-abff-90865d1e13b1' },
      ['t0."ref" = $?'],
      ['a81bc81b-dead-4e5d-abff-90865d1e13b1'],
    ],
    [
      'LIKE metacharacters escaped',
      { fields: 'id', search: '100%' },
      ['(t0."title" ILIKE $?::text)'],
      ['%100\\%%'],
    ],
    [
      'search and filter AND-ed',
      { fields: 'id', search: 'abc', 'filter[views][_gt]': '1' },
      ['WHERE (t0."views" > $? AND ((t0."title" ILIKE $?::text) OR'],
      [1, '%abc%'],
    ],
    [
      'nothing searchable: nothing matches',
      { fields: 'id', search: 'abc' },
      ['FROM "articles_tags" AS t0 WHERE FALSE ORDER BY'],
      [],
      { collection: 'articles_tags' },
    ],
  ]);
});

describe('compileRead: deep', () => {
  const comments = (tail: string) => `FROM "comments" AS t1 WHERE t1."article" = t0."id"${tail}) AS t1)`;
  runTable([
    [
      '_limit and _sort',
      { fields: 'comments.body', deep: '{"comments":{"_sort":["-score"],"_limit":1}}' },
      [comments(' ORDER BY t1."score" DESC, t1."id" ASC LIMIT 1')],
      [],
    ],
    [
      '_filter AND-ed to the join',
      { fields: 'comments.body', 'deep[comments][_filter][score][_gt]': '2' },
      [comments(' AND t1."score" > $? ORDER BY t1."id" ASC LIMIT 100')],
      [2],
    ],
    [
      '_offset',
      { fields: 'comments.body', 'deep[comments][_offset]': '2' },
      [comments(' ORDER BY t1."id" ASC LIMIT 100 OFFSET 2')],
      [],
    ],
    [
      '_page with _limit',
      { fields: 'comments.body', 'deep[comments][_limit]': '2', 'deep[comments][_page]': '3' },
      [comments(' ORDER BY t1."id" ASC LIMIT 2 OFFSET 4')],
      [],
    ],
    [
      '_search',
      { fields: 'comments.body', 'deep[comments][_search]': 'nice' },
      [comments(' AND ((t1."body" ILIKE $?::text)) ORDER BY t1."id" ASC LIMIT 100')],
      ['%nice%'],
    ],
    [
      'nested levels (authors → articles → comments)',
      {
        fields: 'articles.comments.body',
        deep: '{"articles":{"_limit":3,"comments":{"_filter":{"score":{"_eq":5}}}}}',
      },
      [
        'FROM "comments" AS t2 WHERE t2."article" = t1."id" AND t2."score" = $? ORDER BY',
        'FROM "articles" AS t1 WHERE t1."author" = t0."id" ORDER BY t1."id" ASC LIMIT 3) AS t1',
      ],
      [5],
      { collection: 'authors' },
    ],
    [
      '_alias',
      { fields: 'comments.text', 'deep[comments][_alias][text]': 'body' },
      ['json_build_object($?::text, t1."body")'],
      ['text'],
    ],
  ]);
});

describe('compileRead: one item by key', () => {
  runTable([
    [
      'the key is bound and coerced',
      { fields: 'id' },
      [
        `SELECT json_build_object('data', (SELECT json_build_object($?::text, t0."id") FROM "articles" AS t0 WHERE t0."id" = $? LIMIT 1)) AS result`,
      ],
      ['id', 7],
      { byKey: '7' },
    ],
    [
      'with a filter: both apply',
      { fields: 'id', 'filter[status][_eq]': 'draft' },
      ['WHERE t0."id" = $? AND t0."status" = $? LIMIT 1'],
      [7, 'draft'],
      { byKey: 7 },
    ],
  ]);
  it('a key of the wrong type is a 403, never SQL', () => {
    assert.throws(() => compileRaw({}, { byKey: "1' OR 1=1" }), { code: 'FORBIDDEN' });
  });
});

describe('compileRead: statement shape', () => {
  it('one statement, one result column, all values bound', () => {
    const value = 'O\'Brien "x" $1 ?';
    const compiled = compileRaw({ fields: '*,author.*,comments.*', 'filter[title][_eq]': value, meta: '*' });
    assert.match(compiled.text, /^SELECT json_build_object\('data', .* AS result$/s);
    assert.ok(compiled.values.includes(value));
    assertNotInlined(compiled, [value, "O'Brien"]);
    assertPlaceholdersMatch(compiled);
    // Every column reference is alias + quoted name.
    for (const match of compiled.text.matchAll(/\bt\d+\.("(?:[^"]|"")*"|[^\s,)]*)/g)) {
      assert.match(match[1], /^("(?:[^"]|"")+"|\*)$/);
    }
  });
});
