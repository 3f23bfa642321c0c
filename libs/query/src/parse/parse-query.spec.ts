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

describe('parseQuery: alias values', () => {
  it('may hold dots inside a function call', () => {
    assert.deepEqual(parseQuery({ alias: '{"c":"json(data, a.b[0])"}' }).alias, { c: 'json(data, a.b[0])' });
  });
  it('may not point through a relation', () => {
    assert.throws(() => parseQuery({ alias: '{"c":"author.json(data, a)"}' }), { code: 'INVALID_QUERY' });
  });
});

describe('parseQuery: filter operators and keys', () => {
  it('keeps _json, geometry operators and $FOLLOW keys for resolution', () => {
    const filter = parseQuery({
      filter:
        '{"data":{"_json":{"a":{"_eq":1}}},"geo":{"_intersects":1},"$FOLLOW(comments, article)":{"id":{"_eq":1}}}',
    }).filter;
    assert.deepEqual(filter, {
      kind: 'logical',
      op: '_and',
      implicit: true,
      children: [
        { kind: 'field', key: 'data', child: { kind: 'operator', op: '_json', value: { a: { _eq: 1 } } } },
        { kind: 'field', key: 'geo', child: { kind: 'operator', op: '_intersects', value: 1 } },
        {
          kind: 'field',
          key: '$FOLLOW(comments, article)',
          child: { kind: 'field', key: 'id', child: { kind: 'operator', op: '_eq', value: 1 } },
        },
      ],
    });
  });
  const bad: Array<[string, string]> = [
    ['_in []', '{"a":{"_in":[]}}'],
    ['_nin ""', '{"a":{"_nin":""}}'],
    ['_between of one', '{"a":{"_between":[1]}}'],
    ['_nbetween of three (CSV)', '{"a":{"_nbetween":"1,2,3"}}'],
    ['$FOLLOW with one argument', '{"$FOLLOW(comments)":{"id":{"_eq":1}}}'],
    ['another $ key', '{"$CURRENT_USER":{"_eq":1}}'],
  ];
  for (const [name, filter] of bad) {
    it(`refuses ${name}`, () => assert.throws(() => parseQuery({ filter }), { code: 'INVALID_QUERY' }));
  }
});
