import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Access } from '../query-types';
import {
  assertNotInlined,
  assertPlaceholdersMatch,
  boundValues,
  compileRaw,
  type CompileOptions,
} from '../testing/compile.helpers';

const json = (filter: unknown) => ({ filter: JSON.stringify(filter) });
/** The root WHERE of `fields=id` on articles. */
const where = (expr: string) => `FROM "articles" AS t0 WHERE ${expr} ORDER BY t0."id" ASC`;
/** `#>>` of the jsonb column `data` at a bound path. */
const text = '(t0."data" #>> $?::text[])';
const number = `(CASE WHEN jsonb_typeof(t0."data" #> $?::text[]) = 'number' THEN ${text}::numeric END)`;

describe('json(field, path) in fields, alias and sort', () => {
  const rows: Array<[string, Record<string, unknown>, string[], unknown[], CompileOptions?]> = [
    [
      'a top-level key: Directus names it <field>_<path>_json',
      { fields: 'id,json(data, color)' },
      ['$?::text, to_json((t0."data" #> $?::text[]))'],
      ['data_color_json', ['color']],
    ],
    [
      'keys and indexes, each a path segment',
      { fields: 'json(data, items[0].name)' },
      ['$?::text, to_json((t0."data" #> $?::text[]))'],
      ['data_items_0_name_json', ['items', '0', 'name']],
    ],
    [
      'an index first',
      { fields: 'json(data,[2])' },
      ['$?::text, to_json((t0."data" #> $?::text[]))'],
      ['data_2_json', ['2']],
    ],
    [
      'alias names the output',
      { fields: 'c', alias: JSON.stringify({ c: 'json(data, settings.theme)' }) },
      ['$?::text, to_json((t0."data" #> $?::text[]))'],
      ['c', ['settings', 'theme']],
    ],
    [
      'through an m2o: nested under the relation, a json (not jsonb) column cast',
      { fields: 'json(author.profile, color)' },
      ['$?::text, (SELECT json_build_object($?::text, to_json(((t#."profile")::jsonb #> $?::text[])))'],
      ['author', 'profile_color_json', ['color']],
    ],
    [
      'sort by a JSON value',
      { fields: 'id', sort: '-json(data, rank)' },
      ['ORDER BY (t0."data" #> $?::text[]) DESC'],
      [['rank']],
    ],
  ];
  for (const [description, params, patterns, values, options] of rows) {
    it(description, () => {
      const compiled = compileRaw(params, options);
      assert.deepEqual(boundValues(compiled, patterns), values);
      assertPlaceholdersMatch(compiled);
    });
  }

  it('path segments are bound, never written into the SQL', () => {
    const compiled = compileRaw({ fields: 'json(data, evil_key.other_key)' });
    assertNotInlined(compiled, ['evil_key', 'other_key']);
  });

  const refusals: Array<[string, Record<string, unknown>]> = [
    ['a field that is not JSON', { fields: 'json(title, a)' }],
    ['no path', { fields: 'json(data)' }],
    ['an empty path', { fields: 'json(data, )' }],
    ['a wildcard', { fields: 'json(data, items[*].name)' }],
    ['empty brackets', { fields: 'json(data, items[])' }],
    ['a glob', { fields: 'json(data, items.*)' }],
    ['a $ root', { fields: 'json(data, $.a)' }],
    ['an @ node', { fields: 'json(data, @.a)' }],
    ['a quote', { fields: "json(data, a'b)" }],
    ['a double dot', { fields: 'json(data, a..b)' }],
    ['deeper than 10', { fields: 'json(data, a.b.c.d.e.f.g.h.i.j.k)' }],
    ['in a filter key (filters use _json)', { 'filter[json(data, a)][_eq]': '1' }],
    ['in groupBy', { 'aggregate[count]': '*', groupBy: 'json(data, a)' }],
    ['in aggregate', { 'aggregate[max]': 'json(data, a)' }],
    ['a function inside a path', { fields: 'json(data, a).id' }],
    ['an alias through a relation', { fields: 'c', alias: JSON.stringify({ c: 'json(author.profile, a)' }) }],
  ];
  for (const [description, params] of refusals) {
    it(`400: ${description}`, () => assert.throws(() => compileRaw(params), { code: 'INVALID_QUERY' }));
  }

  it('10 segments are allowed', () => {
    const compiled = compileRaw({ fields: 'json(data, a.b.c.d.e.f.g.h.i[0])' });
    assert.ok(compiled.values.some((value) => Array.isArray(value) && value.length === 10));
  });

  it('403 for an unreadable JSON field', () => {
    const access: Access = { collections: { articles: { rowFilter: null, fields: ['id'] } } };
    assert.throws(() => compileRaw({ fields: 'json(data, a)' }, { access }), { code: 'FORBIDDEN' });
  });
});

describe('_json filter operator', () => {
  type Row = [description: string, filter: unknown, whereSql: string, values: unknown[]];
  const rows: Row[] = [
    [
      '_eq on a key (text)',
      { data: { _json: { color: { _eq: 'red' } } } },
      `${text} = $?::text`,
      [['color'], 'red'],
    ],
    [
      '_eq on a number compares its text',
      { data: { _json: { n: { _eq: 5 } } } },
      `${text} = $?::text`,
      [['n'], '5'],
    ],
    ['_neq', { data: { _json: { color: { _neq: 'red' } } } }, `${text} <> $?::text`, [['color'], 'red']],
    ['_eq null → IS NULL', { data: { _json: { color: { _eq: null } } } }, `${text} IS NULL`, [['color']]],
    ['_null', { data: { _json: { 'tags[0]': { _null: true } } } }, `${text} IS NULL`, [['tags', '0']]],
    ['_nnull', { data: { _json: { a: { _nnull: true } } } }, `${text} IS NOT NULL`, [['a']]],
    ['_ieq', { data: { _json: { a: { _ieq: 'X' } } } }, `lower(${text}) = lower($?::text)`, [['a'], 'X']],
    [
      '_contains',
      { data: { _json: { 'settings.theme': { _contains: 'da%' } } } },
      `(${text} LIKE $?::text)`,
      [['settings', 'theme'], '%da\\%%'],
    ],
    [
      '_nicontains',
      { data: { _json: { a: { _nicontains: 'x' } } } },
      `NOT (${text} ILIKE $?::text)`,
      [['a'], '%x%'],
    ],
    [
      '_starts_with',
      { data: { _json: { a: { _starts_with: 'x' } } } },
      `(${text} LIKE $?::text)`,
      [['a'], 'x%'],
    ],
    [
      '_in',
      { data: { _json: { a: { _in: ['x', 2, true] } } } },
      `${text} = ANY($?::text[])`,
      [['a'], ['x', '2', 'true']],
    ],
    [
      '_nin (CSV)',
      { data: { _json: { a: { _nin: 'x,y' } } } },
      `${text} <> ALL($?::text[])`,
      [['a'], ['x', 'y']],
    ],
    [
      '_gt a number: numeric, only on JSON numbers',
      { data: { _json: { price: { _gt: 100 } } } },
      `${number} > $?::numeric`,
      [['price'], ['price'], '100'],
    ],
    [
      '_lte a numeric text: numeric',
      { data: { _json: { price: { _lte: '9.5' } } } },
      `${number} <= $?::numeric`,
      [['price'], ['price'], '9.5'],
    ],
    ['_gt a word: text', { data: { _json: { name: { _gt: 'm' } } } }, `${text} > $?::text`, [['name'], 'm']],
    [
      '_between numbers',
      { data: { _json: { n: { _between: [1, 5] } } } },
      `${number} BETWEEN $?::numeric AND $?::numeric`,
      [['n'], ['n'], '1', '5'],
    ],
    [
      '_nbetween texts',
      { data: { _json: { n: { _nbetween: ['a', 'f'] } } } },
      `${text} NOT BETWEEN $?::text AND $?::text`,
      [['n'], 'a', 'f'],
    ],
    [
      '_empty',
      { data: { _json: { a: { _empty: true } } } },
      `(${text} IS NULL OR ${text} = '')`,
      [['a'], ['a']],
    ],
    [
      'several paths and operators are AND-ed',
      { data: { _json: { color: { _eq: 'red' }, size: { _gte: 2, _lt: 9 } } } },
      `(${text} = $?::text AND ${number} >= $?::numeric AND ${number} < $?::numeric)`,
      [['color'], 'red', ['size'], ['size'], '2', ['size'], ['size'], '9'],
    ],
    [
      '_or inside _json',
      { data: { _json: { _or: [{ a: { _eq: 'x' } }, { b: { _eq: 'y' } }] } } },
      `(${text} = $?::text OR ${text} = $?::text)`,
      [['a'], 'x', ['b'], 'y'],
    ],
    [
      'beside other rules',
      { status: { _eq: 'draft' }, data: { _json: { a: { _eq: 'x' } } } },
      `(t0."status" = $? AND ${text} = $?::text)`,
      ['draft', ['a'], 'x'],
    ],
    [
      'a dynamic variable without a value → FALSE',
      { data: { _json: { a: { _eq: '$CURRENT_USER.nope' } } } },
      'FALSE',
      [],
    ],
    [
      '$CURRENT_USER bound as text',
      { data: { _json: { owner: { _eq: '$CURRENT_USER' } } } },
      `${text} = $?::text`,
      [['owner'], '0b7d3c1e-4f1a-4c2e-9d3b-5a6f7e8d9c01'],
    ],
  ];
  for (const [description, filter, whereSql, values] of rows) {
    it(description, () => {
      const compiled = compileRaw({ fields: 'id', ...json(filter) });
      assert.deepEqual(boundValues(compiled, where(whereSql)), values);
      assertPlaceholdersMatch(compiled);
    });
  }

  it('the bracket form works too', () => {
    const compiled = compileRaw({ fields: 'id', 'filter[data][_json][color][_eq]': 'red' });
    assert.deepEqual(boundValues(compiled, where(`${text} = $?::text`)), [['color'], 'red']);
  });

  it('a json (not jsonb) column is cast', () => {
    const compiled = compileRaw(
      { fields: 'id', ...json({ profile: { _json: { a: { _eq: 'x' } } } }) },
      { collection: 'authors' },
    );
    assert.match(compiled.text, /\(\(t0\."profile"\)::jsonb #>> \$\d+::text\[\]\) = \$\d+::text/);
  });

  it('paths and values are bound, never written into the SQL', () => {
    const compiled = compileRaw({
      fields: 'id',
      ...json({ data: { _json: { secret_key: { _eq: "x' OR 1=1 --" } } } }),
    });
    assertNotInlined(compiled, ['secret_key', "x' OR 1=1 --"]);
  });

  it('in a permission row filter, _in [] inside _json matches nothing', () => {
    const access: Access = {
      collections: { articles: { rowFilter: { data: { _json: { a: { _in: [] } } } }, fields: '*' } },
    };
    assert.deepEqual(boundValues(compileRaw({ fields: 'id' }, { access }), where('FALSE')), []);
  });

  let deep: unknown = { a: { _eq: 1 } };
  for (let i = 0; i < 10; i++) deep = { _and: [deep] };
  const refusals: Array<[string, unknown]> = [
    ['on a field that is not JSON', { title: { _json: { a: { _eq: 'x' } } } }],
    ['on an m2o field', { author: { _json: { a: { _eq: 'x' } } } }],
    ['no path', { data: { _json: {} } }],
    ['not an object', { data: { _json: 'a' } }],
    ['a path without operators', { data: { _json: { a: 'x' } } }],
    ['nested objects instead of a path', { data: { _json: { a: { b: { _eq: 'x' } } } } }],
    ['_json inside _json', { data: { _json: { a: { _json: {} } } } }],
    ['_some inside _json', { data: { _json: { a: { _some: {} } } } }],
    ['_regex inside _json', { data: { _json: { a: { _regex: '.' } } } }],
    ['geometry inside _json', { data: { _json: { a: { _intersects: 1 } } } }],
    ['an operator as a path', { data: { _json: { _eq: 'x' } } }],
    ['a bad path', { data: { _json: { 'a[*]': { _eq: 'x' } } } }],
    ['a path deeper than 10', { data: { _json: { 'a.b.c.d.e.f.g.h.i.j.k': { _eq: 'x' } } } }],
    ['_and nested deeper than 10', { data: { _json: deep } }],
    ['_in []', { data: { _json: { a: { _in: [] } } } }],
    ['_between with one value', { data: { _json: { a: { _between: [1] } } } }],
    ['an object operand', { data: { _json: { a: { _eq: { x: 1 } } } } }],
    ['an infinite number', '{"data":{"_json":{"a":{"_gt":1e400}}}}'],
    ['a NUL', { data: { _json: { a: { _eq: 'a\u0000b' } } } }],
    ['__proto__', JSON.parse('{"data":{"_json":{"__proto__":{"_eq":1}}}}')],
  ];
  for (const [description, filter] of refusals) {
    it(`400: ${description}`, () => {
      const params = typeof filter === 'string' ? { filter } : json(filter);
      assert.throws(() => compileRaw({ fields: 'id', ...params }), { code: 'INVALID_QUERY' });
    });
  }
});
