import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRaw, type CompileOptions } from '../testing/compile.helpers';

type Row = [
  description: string,
  params: Record<string, unknown>,
  code: 'INVALID_QUERY' | 'FORBIDDEN',
  options?: CompileOptions,
];

/** A chain of `n` nested relations: comments.article.comments.article… */
const chain = (n: number) =>
  Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 'comments' : 'article')).join('.') + '.id';
let deepFilter = '{"_eq":1}';
for (let i = 0; i < 100; i++) deepFilter = `{"_and":[{"id":${deepFilter}}]}`;

/** Bad input is refused before any SQL exists: 400 for malformed queries, 403 for what can't be read. */
describe('compileRead: refusals', () => {
  const rows: Row[] = [
    // unknown names
    ['unknown filter operator', { 'filter[title][_regex]': '.*' }, 'INVALID_QUERY'],
    ['unknown logical operator', { filter: '{"_xor":[]}' }, 'INVALID_QUERY'],
    ['$-prefixed key', { filter: '{"$where":"1"}' }, 'INVALID_QUERY'],
    ['operator at the root', { filter: '{"_eq":1}' }, 'INVALID_QUERY'],
    ['unknown field in fields', { fields: 'nope' }, 'FORBIDDEN'],
    ['unknown field in filter', { 'filter[nope][_eq]': '1' }, 'FORBIDDEN'],
    ['unknown field in sort', { sort: 'nope' }, 'FORBIDDEN'],
    ['unknown nested field', { fields: 'author.nope' }, 'FORBIDDEN'],
    ['unknown collection', {}, 'FORBIDDEN', { collection: 'nope' }],
    ['unknown function', { fields: 'median(views)' }, 'INVALID_QUERY'],
    ['unknown meta', { meta: 'everything' }, 'INVALID_QUERY'],
    ['unknown deep parameter', { 'deep[comments][_fields]': 'id' }, 'INVALID_QUERY'],
    // concealed fields can be read (masked) but never compared, sorted, grouped or aggregated
    [
      'filter on a concealed field',
      { 'filter[secret][_starts_with]': 's' },
      'FORBIDDEN',
      { collection: 'authors' },
    ],
    [
      'filter on a hashed field',
      { 'filter[password][_starts_with]': '$argon' },
      'FORBIDDEN',
      { collection: 'authors' },
    ],
    [
      '_null on a concealed field',
      { 'filter[secret][_null]': 'true' },
      'FORBIDDEN',
      { collection: 'authors' },
    ],
    ['sort by a concealed field', { sort: '-secret' }, 'FORBIDDEN', { collection: 'authors' }],
    ['sort through m2o onto a concealed field', { sort: 'author.secret' }, 'FORBIDDEN'],
    ['relational filter onto a hashed field', { 'filter[author][password][_eq]': 'x' }, 'FORBIDDEN'],
    [
      'aggregate over a concealed field',
      { 'aggregate[countDistinct]': 'secret' },
      'FORBIDDEN',
      { collection: 'authors' },
    ],
    [
      'groupBy a concealed field',
      { 'aggregate[count]': '*', groupBy: 'secret' },
      'FORBIDDEN',
      { collection: 'authors' },
    ],
    // $NOW is a date: against anything else it is a 400, never a SQL error
    ['$NOW against an integer', { 'filter[views][_gt]': '$NOW' }, 'INVALID_QUERY'],
    ['$NOW against a date function', { 'filter[year(created_at)][_eq]': '$NOW' }, 'INVALID_QUERY'],
    // malformed input
    ['malformed filter JSON', { filter: '{"title":' }, 'INVALID_QUERY'],
    ['filter JSON not an object', { filter: '[1]' }, 'INVALID_QUERY'],
    ['malformed deep JSON', { deep: '{' }, 'INVALID_QUERY'],
    ['malformed alias JSON', { alias: '{"a"' }, 'INVALID_QUERY'],
    ['malformed fields JSON', { fields: '["id"' }, 'INVALID_QUERY'],
    ['malformed bracket key', { 'filter[title': 'x' }, 'INVALID_QUERY'],
    ['empty path segment', { fields: 'author..name' }, 'INVALID_QUERY'],
    ['empty sort field', { sort: '-' }, 'INVALID_QUERY'],
    [
      'a field rule that is not operators',
      { filter: '{"title":{"_eq":"x","name":{"_eq":"y"}}}' },
      'INVALID_QUERY',
    ],
    ['operand of the wrong type', { 'filter[views][_eq]': 'abc' }, 'INVALID_QUERY'],
    ['integer out of range', { 'filter[views][_eq]': '2147483648' }, 'INVALID_QUERY'],
    ['smallint out of range', { 'filter[rank][_eq]': '40000' }, 'INVALID_QUERY'],
    ['invalid date', { 'filter[published_on][_eq]': '2023-02-30' }, 'INVALID_QUERY'],
    ['invalid uuid', { 'filter[ref][_eq]': 'not-a-uuid' }, 'INVALID_QUERY'],
    ['invalid boolean', { 'filter[published][_eq]': 'yes' }, 'INVALID_QUERY'],
    ['object operand', { filter: '{"title":{"_eq":{"x":1}}}' }, 'INVALID_QUERY'],
    ['NUL in an operand', { filter: '{"title":{"_contains":"a\\u0000b"}}' }, 'INVALID_QUERY'],
    ['_between with one value', { filter: '{"views":{"_between":[1]}}' }, 'INVALID_QUERY'],
    ['_in of an object', { filter: '{"views":{"_in":{"a":1}}}' }, 'INVALID_QUERY'],
    ['comparing a json field', { 'filter[data][_eq]': 'x' }, 'INVALID_QUERY'],
    ['bad dynamic value', { 'filter[created_at][_lt]': '$NOW(-1 fortnight)' }, 'INVALID_QUERY'],
    ['$CURRENT_USER against an integer', { 'filter[views][_eq]': '$CURRENT_USER' }, 'INVALID_QUERY'],
    ['year() of a string', { fields: 'year(title)' }, 'INVALID_QUERY'],
    ['year() of a time', { 'filter[year(at_time)][_eq]': '1' }, 'INVALID_QUERY'],
    ['count() of a scalar', { fields: 'count(views)' }, 'INVALID_QUERY'],
    ['sort through an o2m', { sort: 'comments.body' }, 'INVALID_QUERY'],
    ['prototype key', { 'filter[__proto__][_eq]': '1' }, 'INVALID_QUERY'],
    ['alias containing a dot', { alias: '{"a":"author.name"}' }, 'INVALID_QUERY'],
    ['backlink not a boolean', { backlink: 'maybe' }, 'INVALID_QUERY'],
    // bounds
    ['limit above the max', { limit: '51' }, 'INVALID_QUERY', { limits: { default: 10, max: 50 } }],
    [
      'deep limit above the max',
      { fields: 'comments.id', 'deep[comments][_limit]': '51' },
      'INVALID_QUERY',
      { limits: { default: 10, max: 50 } },
    ],
    ['limit below -1', { limit: '-2' }, 'INVALID_QUERY'],
    ['limit not an integer', { limit: '1.5' }, 'INVALID_QUERY'],
    ['offset negative', { offset: '-1' }, 'INVALID_QUERY'],
    ['page 0', { page: '0' }, 'INVALID_QUERY'],
    [
      'fields deeper than the max depth',
      { fields: chain(3) },
      'INVALID_QUERY',
      { limits: { default: 10, max: -1, maxRelationalDepth: 3 } },
    ],
    ['wildcards deeper than the max depth', { fields: Array(12).fill('*').join('.') }, 'INVALID_QUERY'],
    [
      'filter deeper than the max depth',
      { filter: '{"comments":{"article":{"comments":{"id":{"_eq":1}}}}}' },
      'INVALID_QUERY',
      { limits: { default: 10, max: -1, maxRelationalDepth: 3 } },
    ],
    [
      'sort deeper than the max depth',
      { sort: 'author.name' },
      'INVALID_QUERY',
      { limits: { default: 10, max: -1, maxRelationalDepth: 1 } },
    ],
    ['filter nested past 64 levels', { filter: deepFilter }, 'INVALID_QUERY'],
    [
      'bracket keys nested past 10 levels',
      { 'filter[a][b][c][d][e][f][g][h][i][j][k][_eq]': '1' },
      'INVALID_QUERY',
    ],
  ];
  for (const [description, params, code, options] of rows) {
    it(`${description} → ${code}`, () => {
      assert.throws(() => compileRaw(params, options), { code });
    });
  }

  it('the depth limit admits exactly its depth', () => {
    const limits = { default: 10, max: -1, maxRelationalDepth: 3 };
    assert.doesNotThrow(() => compileRaw({ fields: chain(2) }, { limits }));
  });
});
