import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertPlaceholdersMatch, boundValues, compileRaw } from '../testing/compile.helpers';

type Row = [description: string, params: Record<string, unknown>, patterns: string[], values: unknown[]];

const inner = (select: string, where = '') => `(SELECT ${select} FROM "articles" AS t0${where}) AS s`;

describe('compileRead: aggregate', () => {
  const rows: Row[] = [
    [
      'count=* → {count: "n"} (a bigint: a string, as node-postgres gives it to Directus)',
      { 'aggregate[count]': '*' },
      [
        'SELECT json_build_object($?::text, count(*)::text) AS j, row_number() OVER () AS n',
        inner('1 AS one'),
      ],
      ['count'],
    ],
    [
      'countAll → {countAll: "n"}, its fields ignored',
      { 'aggregate[countAll]': '*' },
      ['SELECT json_build_object($?::text, count(*)::text) AS j', inner('1 AS one')],
      ['countAll'],
    ],
    [
      'count of fields → {count: {field: "n"}}',
      { 'aggregate[count]': 'id,title' },
      [
        'json_build_object($?::text, json_build_object($?::text, count(s.a0)::text, $?::text, count(s.a1)::text))',
        inner('t0."id" AS a0, t0."title" AS a1'),
      ],
      ['count', 'id', 'title'],
    ],
    [
      'countDistinct',
      { 'aggregate[countDistinct]': 'status' },
      ['$?::text, count(DISTINCT s.a0)::text'],
      ['status'],
    ],
    [
      'sum of an integer (bigint: a string)',
      { 'aggregate[sum]': 'views' },
      ['$?::text, sum(s.a0)::text'],
      ['views'],
    ],
    ['sumDistinct', { 'aggregate[sumDistinct]': 'price' }, ['$?::text, sum(DISTINCT s.a0)::text'], ['price']],
    [
      'avg of a double precision column (a number)',
      { 'aggregate[avg]': 'ratio' },
      ['$?::text, to_json(avg(s.a0))'],
      ['ratio'],
    ],
    [
      'sum of a float column (a number)',
      { 'aggregate[sum]': 'ratio' },
      ['$?::text, to_json(sum(s.a0))'],
      ['ratio'],
    ],
    [
      'avg of a decimal (numeric: a string)',
      { 'aggregate[avg]': 'price' },
      ['$?::text, avg(s.a0)::text'],
      ['price'],
    ],
    [
      'avgDistinct of a bigint (numeric: a string)',
      { 'aggregate[avgDistinct]': 'big' },
      ['$?::text, avg(DISTINCT s.a0)::text'],
      ['big'],
    ],
    [
      'min keeps the field output (timestamptz as ISO)',
      { 'aggregate[min]': 'created_at' },
      [`$?::text, to_char(min(s.a0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`],
      ['created_at'],
    ],
    [
      'max keeps the field output (bigint as text beyond 2^53)',
      { 'aggregate[max]': 'big' },
      [
        '$?::text, CASE WHEN abs(max(s.a0)) > 9007199254740991 THEN to_json(max(s.a0)::text) ELSE to_json(max(s.a0)) END',
      ],
      ['big'],
    ],
    [
      'several functions: one object each, inputs numbered in order',
      { 'aggregate[sum]': 'views', 'aggregate[max]': 'rank' },
      [
        inner('t0."views" AS a0, t0."rank" AS a1'),
        'json_build_object($?::text, json_build_object($?::text, sum(s.a0)::text), $?::text, json_build_object($?::text, max(s.a1)))',
      ],
      ['sum', 'views', 'max', 'rank'],
    ],
    [
      'groupBy a field: grouped, ordered by it',
      { 'aggregate[count]': '*', groupBy: 'author' },
      [
        'json_build_object($?::text, s.g0, $?::text, count(*)::text) AS j, row_number() OVER (ORDER BY s.g0 ASC) AS n',
        inner('t0."author" AS g0'),
        'GROUP BY s.g0 ORDER BY n LIMIT 100) AS q',
      ],
      ['author', 'count'],
    ],
    [
      'groupBy a date function: key <field>_<fn>',
      { 'aggregate[count]': '*', groupBy: 'year(published_on)' },
      [
        '$?::text, to_json(s.g0)',
        inner('CAST(floor(EXTRACT(YEAR FROM t0."published_on")) AS integer) AS g0'),
      ],
      ['published_on_year'],
    ],
    [
      'groupBy alone: the distinct groups',
      { groupBy: 'status' },
      ['json_build_object($?::text, s.g0) AS j', inner('t0."status" AS g0'), 'GROUP BY s.g0'],
      ['status'],
    ],
    [
      'groupBy two fields',
      { 'aggregate[count]': '*', groupBy: 'status,author' },
      ['row_number() OVER (ORDER BY s.g0 ASC, s.g1 ASC)', 'GROUP BY s.g0, s.g1'],
      [],
    ],
    [
      'sort by a group, descending',
      { 'aggregate[count]': '*', groupBy: 'status', sort: '-status' },
      ['row_number() OVER (ORDER BY s.g0 DESC)'],
      [],
    ],
    [
      'sort by -count',
      { 'aggregate[count]': '*', groupBy: 'status', sort: '-count' },
      ['row_number() OVER (ORDER BY count(*) DESC)'],
      [],
    ],
    [
      'sort by a function group by its output key',
      { 'aggregate[count]': '*', groupBy: 'year(published_on)', sort: '-published_on_year' },
      ['row_number() OVER (ORDER BY s.g0 DESC)'],
      [],
    ],
    [
      'filter and search narrow the inputs',
      { 'aggregate[count]': '*', 'filter[views][_gt]': '1', search: 'ab' },
      [
        inner(
          '1 AS one',
          ' WHERE (t0."views" > $? AND ((t0."title" ILIKE $?::text) OR (t0."body" ILIKE $?::text) OR (t0."status" ILIKE $?::text)))',
        ),
      ],
      [1, '%ab%', '%ab%', '%ab%'],
    ],
    [
      'limit and page apply to the groups',
      { 'aggregate[count]': '*', groupBy: 'status', limit: '5', page: '2' },
      ['ORDER BY n LIMIT 5 OFFSET 5) AS q'],
      [],
    ],
    [
      'limit=-1: every group',
      { 'aggregate[count]': '*', groupBy: 'status', limit: '-1' },
      ['GROUP BY s.g0 ORDER BY n) AS q'],
      [],
    ],
    [
      'the envelope: data is a JSON array of the rows',
      { 'aggregate[count]': '*' },
      [`SELECT json_build_object('data', (SELECT coalesce(json_agg(q.j ORDER BY q.n), '[]'::json) FROM (`],
      [],
    ],
  ];
  for (const [description, params, patterns, values] of rows) {
    it(description, () => {
      const compiled = compileRaw(params);
      assert.deepEqual(boundValues(compiled, patterns), values);
      assertPlaceholdersMatch(compiled);
    });
  }
});

describe('compileRead: aggregate refusals (400)', () => {
  const rows: Array<[description: string, params: Record<string, unknown>, code: string]> = [
    ['sum of a string', { 'aggregate[sum]': 'title' }, 'INVALID_QUERY'],
    ['avg of a date', { 'aggregate[avg]': 'published_on' }, 'INVALID_QUERY'],
    ['* with another function than count', { 'aggregate[sum]': '*' }, 'INVALID_QUERY'],
    ['* with other fields', { 'aggregate[count]': '*,id' }, 'INVALID_QUERY'],
    ['an unknown function', { 'aggregate[median]': 'views' }, 'INVALID_QUERY'],
    ['a function without fields', { 'aggregate[count]': '' }, 'INVALID_QUERY'],
    ['an aggregate of a function', { 'aggregate[max]': 'year(published_on)' }, 'INVALID_QUERY'],
    ['an aggregate of an o2m', { 'aggregate[count]': 'comments' }, 'INVALID_QUERY'],
    ['an empty aggregate object', { aggregate: '{}' }, 'INVALID_QUERY'],
    ['groupBy count()', { 'aggregate[count]': '*', groupBy: 'count(comments)' }, 'INVALID_QUERY'],
    ['sort by a non-group', { 'aggregate[count]': '*', groupBy: 'status', sort: 'views' }, 'INVALID_QUERY'],
    ['sort by count without count=*', { 'aggregate[sum]': 'views', sort: 'count' }, 'INVALID_QUERY'],
    ['an unknown field', { 'aggregate[max]': 'nope' }, 'FORBIDDEN'],
    ['groupBy an unknown field', { 'aggregate[count]': '*', groupBy: 'nope' }, 'FORBIDDEN'],
    ['limit above the max', { 'aggregate[count]': '*', limit: '51' }, 'INVALID_QUERY'],
  ];
  for (const [description, params, code] of rows) {
    it(description, () => {
      assert.throws(() => compileRaw(params, { limits: { default: 10, max: 50 } }), { code });
    });
  }
});
