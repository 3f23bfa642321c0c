import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeQueryParams } from './normalize-query-params';

describe('normalizeQueryParams', () => {
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['plain keys pass through', { limit: '10', fields: 'a,b' }, { limit: '10', fields: 'a,b' }],
    ['a repeated plain key stays an array', { fields: ['a', 'b'] }, { fields: ['a', 'b'] }],
    ['brackets nest', { 'filter[status][_eq]': 'active' }, { filter: { status: { _eq: 'active' } } }],
    ['[] appends', { 'fields[]': ['a', 'b,c'] }, { fields: ['a', 'b,c'] }],
    [
      'indexes become arrays',
      { 'filter[_or][1][b][_eq]': '2', 'filter[_or][0][a][_eq]': '1' },
      { filter: { _or: [{ a: { _eq: '1' } }, { b: { _eq: '2' } }] } },
    ],
    [
      'list operands with []',
      { 'filter[role][_in][]': ['x', 'y'] },
      { filter: { role: { _in: ['x', 'y'] } } },
    ],
    ['a JSON filter string is left for the filter parser', { filter: '{"a":1}' }, { filter: '{"a":1}' }],
    ['unbalanced brackets are a plain key', { 'filter[a': 'x' }, { 'filter[a': 'x' }],
    ['numeric top-level keys stay an object', { '0': 'x' }, { '0': 'x' }],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.deepEqual(normalizeQueryParams(input), expected));
  }

  const refused: Array<[string, Record<string, unknown>]> = [
    ['__proto__ segments', { 'filter[__proto__][x]': '1' }],
    ['constructor segments', { 'filter[constructor][prototype]': '1' }],
    ['a value and an object under one key', { filter: '{}', 'filter[a][_eq]': '1' }],
    ['nesting deeper than 10', { [`f${'[a]'.repeat(11)}`]: '1' }],
  ];
  for (const [name, input] of refused) {
    it(`refuses ${name} with 400 INVALID_QUERY`, () => {
      assert.throws(() => normalizeQueryParams(input), { code: 'INVALID_QUERY', status: 400 });
    });
  }
});
