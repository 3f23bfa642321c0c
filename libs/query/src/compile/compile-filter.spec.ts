import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertNotInlined,
  assertPlaceholdersMatch,
  boundValues,
  compileRaw,
} from '../testing/compile.helpers';

/** The root WHERE of `fields=id` on articles: `expr` is the whole condition. */
const where = (expr: string) => `FROM "articles" AS t0 WHERE ${expr} ORDER BY t0."id" ASC`;
const json = (filter: unknown) => ({ filter: JSON.stringify(filter) });

type Row = [description: string, params: Record<string, unknown>, whereSql: string, values: unknown[]];

function runTable(rows: Row[]): void {
  for (const [description, params, whereSql, values] of rows) {
    it(description, () => {
      const compiled = compileRaw({ fields: 'id', ...params });
      assert.deepEqual(boundValues(compiled, where(whereSql)), values);
      assertPlaceholdersMatch(compiled);
      assertNotInlined(
        compiled,
        values.filter((v): v is string => typeof v === 'string' && v.replace(/%/g, '').length >= 3),
      );
    });
  }
}

describe('compileFilter: comparison operators', () => {
  runTable([
    ['_eq (string)', { 'filter[status][_eq]': 'draft' }, 't0."status" = $?', ['draft']],
    ['_eq (integer from text)', { 'filter[views][_eq]': '5' }, 't0."views" = $?', [5]],
    ['_eq (boolean from text)', { 'filter[published][_eq]': 'false' }, 't0."published" = $?', [false]],
    ['_eq (decimal keeps text)', { 'filter[price][_eq]': '12.50' }, 't0."price" = $?', ['12.50']],
    ['_eq (float)', { 'filter[ratio][_eq]': '0.5' }, 't0."ratio" = $?', [0.5]],
    [
      '_eq (bigint beyond 2^53 stays exact text)',
      { 'filter[big][_eq]': '9007199254740993' },
      't0."big" = $?',
      ['9007199254740993'],
    ],
    [
      '_eq (uuid)',
      { 'filter[ref][_eq]': 'a81bc81b-dead-4e5d-abff-90865d1e13b1' },
      't0."ref" = $?',
      ['a81bc81b-dead-4e5d-abff-90865d1e13b1'],
    ],
    ['_eq (date)', { 'filter[published_on][_eq]': '2023-01-15' }, 't0."published_on" = $?', ['2023-01-15']],
    ['_eq (time)', { 'filter[at_time][_eq]': '10:20:30' }, 't0."at_time" = $?', ['10:20:30']],
    ['_eq null → IS NULL', json({ views: { _eq: null } }), 't0."views" IS NULL', []],
    ['_neq', { 'filter[status][_neq]': 'draft' }, 't0."status" <> $?', ['draft']],
    ['_neq null → IS NOT NULL', json({ views: { _neq: null } }), 't0."views" IS NOT NULL', []],
    ['_lt', { 'filter[views][_lt]': '6' }, 't0."views" < $?', [6]],
    ['_lte', { 'filter[views][_lte]': '5' }, 't0."views" <= $?', [5]],
    ['_gt', { 'filter[views][_gt]': '5' }, 't0."views" > $?', [5]],
    ['_gte', { 'filter[views][_gte]': '5' }, 't0."views" >= $?', [5]],
    ['_ieq', { 'filter[title][_ieq]': 'Hello' }, 'lower(t0."title") = lower($?::text)', ['Hello']],
    ['_nieq', { 'filter[title][_nieq]': 'Hello' }, 'lower(t0."title") <> lower($?::text)', ['Hello']],
    ['_in (csv text)', { 'filter[id][_in]': '1,3' }, 't0."id" = ANY($?)', [[1, 3]]],
    [
      '_in (JSON list)',
      json({ status: { _in: ['draft', 'archived'] } }),
      't0."status" = ANY($?)',
      [['draft', 'archived']],
    ],
    ['_nin', json({ id: { _nin: [1, 3] } }), 't0."id" <> ALL($?)', [[1, 3]]],
    ['_between', json({ views: { _between: [1, 10] } }), 't0."views" BETWEEN $? AND $?', [1, 10]],
    ['_nbetween', json({ views: { _nbetween: ['1', '9'] } }), 't0."views" NOT BETWEEN $? AND $?', [1, 9]],
    [
      '_between dates',
      json({ published_on: { _between: ['2023-01-01', '2023-12-31'] } }),
      't0."published_on" BETWEEN $? AND $?',
      ['2023-01-01', '2023-12-31'],
    ],
  ]);
});

describe('compileFilter: text operators (LIKE operands bound, metacharacters escaped)', () => {
  runTable([
    ['_contains', { 'filter[title][_contains]': 'Sec' }, '(t0."title" LIKE $?::text)', ['%Sec%']],
    ['_ncontains', { 'filter[title][_ncontains]': 'Sec' }, 'NOT (t0."title" LIKE $?::text)', ['%Sec%']],
    ['_icontains', { 'filter[title][_icontains]': 'HELLO' }, '(t0."title" ILIKE $?::text)', ['%HELLO%']],
    [
      '_nicontains',
      { 'filter[title][_nicontains]': 'HELLO' },
      'NOT (t0."title" ILIKE $?::text)',
      ['%HELLO%'],
    ],
    ['_starts_with', { 'filter[title][_starts_with]': 'Sec' }, '(t0."title" LIKE $?::text)', ['Sec%']],
    ['_nstarts_with', { 'filter[title][_nstarts_with]': 'Sec' }, 'NOT (t0."title" LIKE $?::text)', ['Sec%']],
    ['_istarts_with', { 'filter[title][_istarts_with]': 'sec' }, '(t0."title" ILIKE $?::text)', ['sec%']],
    [
      '_nistarts_with',
      { 'filter[title][_nistarts_with]': 'sec' },
      'NOT (t0."title" ILIKE $?::text)',
      ['sec%'],
    ],
    ['_ends_with', { 'filter[title][_ends_with]': 'rld' }, '(t0."title" LIKE $?::text)', ['%rld']],
    ['_nends_with', { 'filter[title][_nends_with]': 'rld' }, 'NOT (t0."title" LIKE $?::text)', ['%rld']],
    ['_iends_with', { 'filter[title][_iends_with]': 'RLD' }, '(t0."title" ILIKE $?::text)', ['%RLD']],
    ['_niends_with', { 'filter[title][_niends_with]': 'RLD' }, 'NOT (t0."title" ILIKE $?::text)', ['%RLD']],
    [
      '_contains escapes % _ \\',
      { 'filter[body][_contains]': '100%_\\' },
      '(t0."body" LIKE $?::text)',
      ['%100\\%\\_\\\\%'],
    ],
    [
      '_contains on a number casts to text',
      { 'filter[views][_contains]': '12' },
      '(t0."views"::text LIKE $?::text)',
      ['%12%'],
    ],
    [
      '_ieq on a number casts to text',
      { 'filter[views][_ieq]': '12' },
      'lower(t0."views"::text) = lower($?::text)',
      ['12'],
    ],
  ]);
});

describe('compileFilter: null and empty operators', () => {
  runTable([
    ['_null true', { 'filter[body][_null]': 'true' }, 't0."body" IS NULL', []],
    ['_null false', { 'filter[body][_null]': 'false' }, 't0."body" IS NOT NULL', []],
    ['_nnull true', { 'filter[body][_nnull]': 'true' }, 't0."body" IS NOT NULL', []],
    ['_nnull false', { 'filter[body][_nnull]': 'false' }, 't0."body" IS NULL', []],
    ['_empty on text', { 'filter[title][_empty]': 'true' }, '(t0."title" IS NULL OR t0."title" = \'\')', []],
    [
      '_empty false on text',
      { 'filter[title][_empty]': 'false' },
      'NOT (t0."title" IS NULL OR t0."title" = \'\')',
      [],
    ],
    ['_empty on a number', { 'filter[views][_empty]': 'true' }, 't0."views" IS NULL', []],
    [
      '_nempty on text',
      { 'filter[title][_nempty]': 'true' },
      'NOT (t0."title" IS NULL OR t0."title" = \'\')',
      [],
    ],
    [
      '_nempty false on text',
      { 'filter[title][_nempty]': 'false' },
      '(t0."title" IS NULL OR t0."title" = \'\')',
      [],
    ],
    ['_nempty on a number', { 'filter[views][_nempty]': 'true' }, 'NOT t0."views" IS NULL', []],
  ]);
});

describe('compileFilter: logical combinations', () => {
  runTable([
    [
      'implicit _and of two fields',
      json({ status: { _eq: 'draft' }, views: { _gt: 1 } }),
      '(t0."status" = $? AND t0."views" > $?)',
      ['draft', 1],
    ],
    [
      'two operators on one field',
      json({ views: { _gt: 1, _lt: 9 } }),
      '(t0."views" > $? AND t0."views" < $?)',
      [1, 9],
    ],
    [
      '_or of _eq and nested _and',
      json({
        _or: [{ status: { _eq: 'draft' } }, { _and: [{ views: { _gt: 1 } }, { published: { _eq: true } }] }],
      }),
      '(t0."status" = $? OR (t0."views" > $? AND t0."published" = $?))',
      ['draft', 1, true],
    ],
    ['empty _and restricts nothing', json({ _and: [] }), 'TRUE', []],
    ['empty _or restricts nothing', json({ _or: [] }), 'TRUE', []],
    [
      '_and in bracket form',
      { 'filter[_and][0][status][_eq]': 'draft', 'filter[_and][1][views][_eq]': '3' },
      '(t0."status" = $? AND t0."views" = $?)',
      ['draft', 3],
    ],
  ]);
});

describe('compileFilter: relational filters', () => {
  runTable([
    [
      'm2o nested field → EXISTS on the target',
      { 'filter[author][name][_eq]': 'Ann' },
      'EXISTS (SELECT 1 FROM "authors" AS t1 WHERE t1."id" = t0."author" AND t1."name" = $?)',
      ['Ann'],
    ],
    ['m2o compared as a key', { 'filter[author][_eq]': '2' }, 't0."author" = $?', [2]],
    [
      'm2o operator and nested field together',
      json({ author: { _nnull: true, name: { _eq: 'Ann' } } }),
      '(t0."author" IS NOT NULL AND EXISTS (SELECT 1 FROM "authors" AS t1 WHERE t1."id" = t0."author" AND t1."name" = $?))',
      ['Ann'],
    ],
    [
      'o2m without quantifier → _some',
      { 'filter[comments][score][_gt]': '4' },
      'EXISTS (SELECT 1 FROM "comments" AS t1 WHERE t1."article" = t0."id" AND t1."score" > $?)',
      [4],
    ],
    [
      'o2m _some',
      json({ comments: { _some: { body: { _eq: 'nice' } } } }),
      'EXISTS (SELECT 1 FROM "comments" AS t1 WHERE t1."article" = t0."id" AND t1."body" = $?)',
      ['nice'],
    ],
    [
      'o2m _none',
      json({ comments: { _none: { score: { _gt: 4 } } } }),
      'NOT EXISTS (SELECT 1 FROM "comments" AS t1 WHERE t1."article" = t0."id" AND t1."score" > $?)',
      [4],
    ],
    [
      'm2m through the junction',
      json({ tags: { tags_id: { name: { _eq: 'sql' } } } }),
      'EXISTS (SELECT 1 FROM "articles_tags" AS t1 WHERE t1."articles_id" = t0."id" AND EXISTS (SELECT 1 FROM "tags" AS t2 WHERE t2."id" = t1."tags_id" AND t2."name" = $?))',
      ['sql'],
    ],
    [
      'm2o two levels (comments → article → author)',
      json({ comments: { article: { author: { name: { _eq: 'Bob' } } } } }),
      'EXISTS (SELECT 1 FROM "comments" AS t1 WHERE t1."article" = t0."id" AND EXISTS (SELECT 1 FROM "articles" AS t2 WHERE t2."id" = t1."article" AND EXISTS (SELECT 1 FROM "authors" AS t3 WHERE t3."id" = t2."author" AND t3."name" = $?)))',
      ['Bob'],
    ],
  ]);
});

describe('compileFilter: functions', () => {
  runTable([
    [
      'year(date)',
      { 'filter[year(published_on)][_eq]': '2023' },
      'CAST(floor(EXTRACT(YEAR FROM t0."published_on")) AS integer) = $?',
      [2023],
    ],
    [
      'month(timestamptz) reads in UTC',
      { 'filter[month(created_at)][_eq]': '6' },
      'CAST(floor(EXTRACT(MONTH FROM (t0."created_at" AT TIME ZONE \'UTC\'))) AS integer) = $?',
      [6],
    ],
    [
      'weekday(dateTime)',
      { 'filter[weekday(local_at)][_in]': '0,6' },
      'CAST(floor(EXTRACT(DOW FROM t0."local_at")) AS integer) = ANY($?)',
      [[0, 6]],
    ],
    [
      'hour(time)',
      { 'filter[hour(at_time)][_gte]': '10' },
      'CAST(floor(EXTRACT(HOUR FROM t0."at_time")) AS integer) >= $?',
      [10],
    ],
    [
      'count(o2m)',
      { 'filter[count(comments)][_gte]': '2' },
      '(SELECT count(*) FROM "comments" AS t1 WHERE t1."article" = t0."id") >= $?',
      [2],
    ],
  ]);
});

describe('compileFilter: dynamic values bind their resolved value', () => {
  runTable([
    [
      '$NOW on timestamptz',
      { 'filter[created_at][_lt]': '$NOW' },
      't0."created_at" < $?',
      ['2024-01-01T00:00:00.000Z'],
    ],
    [
      '$NOW(-1 day) on timestamptz',
      { 'filter[created_at][_lt]': '$NOW(-1 day)' },
      't0."created_at" < $?',
      ['2023-12-31T00:00:00.000Z'],
    ],
    [
      '$NOW(+2 hours) on timestamptz',
      { 'filter[created_at][_gt]': '$NOW(+2 hours)' },
      't0."created_at" > $?',
      ['2024-01-01T02:00:00.000Z'],
    ],
    [
      '$NOW(-1 year) on date',
      { 'filter[published_on][_gte]': '$NOW(-1 year)' },
      't0."published_on" >= $?',
      ['2023-01-01'],
    ],
    [
      '$NOW on dateTime (no zone)',
      { 'filter[local_at][_lte]': '$NOW' },
      't0."local_at" <= $?',
      ['2024-01-01T00:00:00.000'],
    ],
    [
      '$NOW in _between',
      json({ created_at: { _between: ['$NOW(-1 week)', '$NOW'] } }),
      't0."created_at" BETWEEN $? AND $?',
      ['2023-12-25T00:00:00.000Z', '2024-01-01T00:00:00.000Z'],
    ],
    [
      '$CURRENT_USER',
      { 'filter[ref][_eq]': '$CURRENT_USER' },
      't0."ref" = $?',
      ['0b7d3c1e-4f1a-4c2e-9d3b-5a6f7e8d9c01'],
    ],
    [
      '$CURRENT_ROLE',
      { 'filter[status][_neq]': '$CURRENT_ROLE' },
      't0."status" <> $?',
      ['9c1e2d3f-aaaa-4bbb-8ccc-123456789abc'],
    ],
    [
      '$CURRENT_USER in _in',
      json({ ref: { _in: ['$CURRENT_USER'] } }),
      't0."ref" = ANY($?)',
      [['0b7d3c1e-4f1a-4c2e-9d3b-5a6f7e8d9c01']],
    ],
  ]);

  it('$CURRENT_USER of an anonymous caller matches nothing (never IS NULL)', () => {
    const context = { userId: null, roleId: null, now: new Date(0) };
    const compiled = compileRaw({ fields: 'id', 'filter[ref][_eq]': '$CURRENT_USER' }, { context });
    assert.deepEqual(boundValues(compiled, where('FALSE')), []);
  });
});

describe('compileFilter: operands are data, never SQL', () => {
  const hostile = ["x' OR '1'='1", 'Robert"); DROP TABLE articles; --', '$1; SELECT pg_sleep(10)'];
  for (const value of hostile) {
    it(`binds ${JSON.stringify(value)}`, () => {
      const compiled = compileRaw({ fields: 'id', 'filter[title][_eq]': value, search: value });
      assert.deepEqual(boundValues(compiled, 'WHERE (t0."title" = $?'), [value]);
      assertNotInlined(compiled, [value, 'DROP', 'pg_sleep']);
      assertPlaceholdersMatch(compiled);
    });
  }
  it('quotes and escapes every identifier (a column named odd"name)', () => {
    const compiled = compileRaw({ fields: 'odd"name', 'filter[odd"name][_eq]': 'v' }, { collection: 'tags' });
    assert.deepEqual(boundValues(compiled, 'WHERE t0."odd""name" = $?'), ['v']);
    assert.match(compiled.text, /json_build_object\(\$\d+::text, t0\."odd""name"\)/);
  });
});

describe('compileFilter: list operands in a request filter are validated (400)', () => {
  const rows: Array<[description: string, params: Record<string, unknown>]> = [
    ['_in []', json({ id: { _in: [] } })],
    ['_nin []', json({ id: { _nin: [] } })],
    ['_in empty text (bracket form)', { 'filter[id][_in]': '' }],
    ['_nin empty text (bracket form)', { 'filter[id][_nin]': '' }],
    ['_in [] nested in _or', json({ _or: [{ id: { _eq: 1 } }, { id: { _in: [] } }] })],
    ['_in [] in a relational filter', json({ comments: { id: { _in: [] } } })],
    ['_between with one value', json({ views: { _between: [1] } })],
    ['_between with three values', json({ views: { _between: [1, 2, 3] } })],
    ['_nbetween with none', json({ views: { _nbetween: [] } })],
    ['_between as one-value text', { 'filter[views][_between]': '1' }],
    [
      '_in [] in a deep filter',
      { fields: 'comments.id', deep: JSON.stringify({ comments: { _filter: { id: { _in: [] } } } }) },
    ],
  ];
  for (const [description, params] of rows) {
    it(description, () => {
      assert.throws(() => compileRaw({ fields: 'id', ...params }), { code: 'INVALID_QUERY' });
    });
  }
});

describe('compileFilter: empty lists in a permission row filter never admit a row', () => {
  const access = (rowFilter: Record<string, unknown>) => ({
    collections: {
      articles: { rowFilter, fields: '*' as const },
      comments: { rowFilter: null, fields: '*' as const },
    },
  });
  const rows: Row[] = [
    ['_in [] → FALSE', { id: { _in: [] } }, 'FALSE', []],
    ['_nin [] → FALSE', { id: { _nin: [] } }, 'FALSE', []],
    ['_nin "" → FALSE', { id: { _nin: '' } }, 'FALSE', []],
    [
      '_nin [] beside another rule',
      { _or: [{ status: { _eq: 'x' } }, { id: { _nin: [] } }] },
      '(t0."status" = $? OR FALSE)',
      ['x'],
    ],
    ['_or [] → FALSE', { _or: [] }, 'FALSE', []],
    [
      '_nin [] in a relational rule',
      { comments: { id: { _nin: [] } } },
      'EXISTS (SELECT 1 FROM "comments" AS t1 WHERE t1."article" = t0."id" AND FALSE)',
      [],
    ],
  ];
  for (const [description, rowFilter, whereSql, values] of rows) {
    it(description, () => {
      const compiled = compileRaw({ fields: 'id' }, { access: access(rowFilter as Record<string, unknown>) });
      assert.deepEqual(boundValues(compiled, where(whereSql)), values);
      assertPlaceholdersMatch(compiled);
    });
  }

  it('the same empty lists in the request filter are still 400s', () => {
    const withRow = access({ id: { _nin: [] } });
    assert.throws(() => compileRaw({ fields: 'id', ...json({ id: { _nin: [] } }) }, { access: withRow }), {
      code: 'INVALID_QUERY',
    });
  });

  it('a filter built by the server (not parsed) keeps _in [] as FALSE (SEARCH with keys: [])', () => {
    const compiled = compileRaw(
      { fields: 'id' },
      { filter: { kind: 'field', key: 'id', child: { kind: 'operator', op: '_in', value: [] } } },
    );
    assert.deepEqual(boundValues(compiled, where('FALSE')), []);
  });
});

describe('compileFilter: $FOLLOW(collection, fk_field) filters through a reverse relation', () => {
  const tagsWhere = (expr: string) => `FROM "tags" AS t0 WHERE ${expr} ORDER BY t0."id" ASC`;
  const rows: Array<[string, unknown, string, unknown[], string?]> = [
    [
      'no alias field (articles_tags.tags_id → tags): _some by default',
      { '$FOLLOW(articles_tags, tags_id)': { articles_id: { _eq: 1 } } },
      'EXISTS (SELECT 1 FROM "articles_tags" AS t1 WHERE t1."tags_id" = t0."id" AND t1."articles_id" = $?)',
      [1],
      'tags',
    ],
    [
      '_none',
      { '$FOLLOW(articles_tags,tags_id)': { _none: { articles_id: { _eq: 1 } } } },
      'NOT EXISTS (SELECT 1 FROM "articles_tags" AS t1 WHERE t1."tags_id" = t0."id" AND t1."articles_id" = $?)',
      [1],
      'tags',
    ],
    [
      'through further relations',
      { '$FOLLOW(articles_tags, tags_id)': { articles_id: { title: { _eq: 'x' } } } },
      'EXISTS (SELECT 1 FROM "articles_tags" AS t1 WHERE t1."tags_id" = t0."id" AND EXISTS (SELECT 1 FROM "articles" AS t2 WHERE t2."id" = t1."articles_id" AND t2."title" = $?))',
      ['x'],
      'tags',
    ],
    [
      'a relation that also has an alias field',
      { '$FOLLOW(comments, article)': { score: { _gt: 3 } } },
      'EXISTS (SELECT 1 FROM "comments" AS t1 WHERE t1."article" = t0."id" AND t1."score" > $?)',
      [3],
    ],
  ];
  for (const [description, filter, whereSql, values, collection] of rows) {
    it(description, () => {
      const compiled = compileRaw({ fields: 'id', ...json(filter) }, { collection });
      const pattern = collection === 'tags' ? tagsWhere(whereSql) : where(whereSql);
      assert.deepEqual(boundValues(compiled, pattern), values);
      assertPlaceholdersMatch(compiled);
    });
  }

  it("the target's row filter applies", () => {
    const access = {
      collections: {
        articles: { rowFilter: null, fields: '*' as const },
        comments: { rowFilter: { score: { _gt: 2 } }, fields: '*' as const },
      },
    };
    const compiled = compileRaw(
      { fields: 'id', ...json({ '$FOLLOW(comments, article)': { body: { _eq: 'x' } } }) },
      { access },
    );
    assert.deepEqual(
      boundValues(
        compiled,
        where(
          'EXISTS (SELECT 1 FROM "comments" AS t1 WHERE t1."article" = t0."id" AND (t1."body" = $? AND t1."score" > $?))',
        ),
      ),
      ['x', 2],
    );
  });

  const refusals: Array<[string, unknown, 'FORBIDDEN' | 'INVALID_QUERY', Record<string, unknown>?]> = [
    ['an unknown collection', { '$FOLLOW(nope, article)': { id: { _eq: 1 } } }, 'FORBIDDEN'],
    ['an unknown field', { '$FOLLOW(comments, nope)': { id: { _eq: 1 } } }, 'FORBIDDEN'],
    [
      'an unreadable collection',
      { '$FOLLOW(comments, article)': { id: { _eq: 1 } } },
      'FORBIDDEN',
      { collections: { articles: { rowFilter: null, fields: '*' } } },
    ],
    [
      'an unreadable foreign key field',
      { '$FOLLOW(comments, article)': { id: { _eq: 1 } } },
      'FORBIDDEN',
      {
        collections: {
          articles: { rowFilter: null, fields: '*' },
          comments: { rowFilter: null, fields: ['id'] },
        },
      },
    ],
    [
      'a field that does not reference this collection',
      { '$FOLLOW(comments, body)': { id: { _eq: 1 } } },
      'INVALID_QUERY',
    ],
    [
      'a foreign key to another collection',
      { '$FOLLOW(articles_tags, tags_id)': { id: { _eq: 1 } } },
      'INVALID_QUERY',
    ],
    ['an operator straight on it', { '$FOLLOW(comments, article)': { _eq: 1 } }, 'INVALID_QUERY'],
  ];
  for (const [description, filter, code, access] of refusals) {
    it(`${code}: ${description}`, () => {
      assert.throws(() => compileRaw({ fields: 'id', ...json(filter) }, { access: access as never }), {
        code,
      });
    });
  }
});

describe('compileFilter: geometry operators are refused with their reason', () => {
  for (const op of ['_intersects', '_nintersects', '_intersects_bbox', '_nintersects_bbox']) {
    it(op, () => {
      assert.throws(
        () =>
          compileRaw({ fields: 'id', ...json({ title: { [op]: { type: 'Point', coordinates: [0, 0] } } }) }),
        {
          code: 'INVALID_QUERY',
          message: /geometry operators need a geometry field/,
        },
      );
    });
  }
});
