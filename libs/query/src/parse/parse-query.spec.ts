import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from './parse-query';

describe('parseQuery', () => {
  it('reads bracket and JSON forms alike', () => {
    const bracket = parseQuery({
      'filter[title][_eq]': 'x',
      'fields[]': ['a', 'b,c'],
      sort: '-a,b',
      meta: '*',
    });
    const json = parseQuery({
      filter: '{"title":{"_eq":"x"}}',
      fields: 'a,b,c',
      sort: '["-a","b"]',
      meta: 'total_count,filter_count',
    });
    assert.deepEqual(bracket, json);
    assert.deepEqual(bracket.filter, {
      kind: 'field',
      key: 'title',
      child: { kind: 'operator', op: '_eq', value: 'x' },
    });
  });
  const bad: Array<[string, Record<string, unknown>]> = [
    ['bad JSON', { filter: '{' }],
    ['unknown operator', { filter: '{"a":{"_regex":"x"}}' }],
    ['limit below -1', { limit: '-2' }],
    ['limit not a number', { limit: '1;' }],
    ['unknown meta', { meta: 'x' }],
    ['proto key', { 'filter[__proto__][_eq]': '1' }],
    ['deep brackets', { 'filter[a][b][c][d][e][f][g][h][i][j][k][_eq]': '1' }],
    ['deep filter', { filter: '{"a":'.repeat(100) + '1' + '}'.repeat(100) }],
    ['alias with dot', { alias: '{"a":"b.c"}' }],
  ];
  for (const [name, raw] of bad) {
    it(`refuses ${name}`, () => assert.throws(() => parseQuery(raw), { code: 'INVALID_QUERY' }));
  }
});
