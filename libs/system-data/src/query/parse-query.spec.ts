import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE } from '../testing/sample-collection.fixture';
import { parseQuery } from './parse-query';
import type { QueryLimits } from './query-types';

const UNCAPPED: QueryLimits = { default: 100, max: -1 };
const CAPPED: QueryLimits = { default: 100, max: 50 };
const ALL_FIELDS = SAMPLE.fields.map((field) => field.name);

const parse = (raw: Record<string, unknown>, limits = UNCAPPED, unlimitedByDefault = false) =>
  parseQuery(SAMPLE, raw, { limits, unlimitedByDefault });

describe('parseQuery', () => {
  it('defaults to every field, no filter, default limit, pk order', () => {
    assert.deepEqual(parse({}), {
      fields: ALL_FIELDS,
      filter: null,
      search: null,
      sort: [],
      limit: 100,
      offset: 0,
      meta: { totalCount: false, filterCount: false },
    });
  });

  const fields: Array<[string, unknown, string[]]> = [
    ['CSV', 'name,count', ['name', 'count']],
    ['array with CSV items', ['name', 'count,id'], ['name', 'count', 'id']],
    ['* expands in definition order', '*', ALL_FIELDS],
    ['duplicates collapse', 'name,name,*', ['name', ...ALL_FIELDS.filter((name) => name !== 'name')]],
    ['concealed fields may be read (masked)', 'secret', ['secret']],
  ];
  for (const [name, raw, expected] of fields) {
    it(`fields: ${name}`, () => assert.deepEqual(parse({ fields: raw }).fields, expected));
  }

  const sorts: Array<[unknown, Array<{ field: string; descending: boolean }>]> = [
    ['name', [{ field: 'name', descending: false }]],
    [
      '-count,name',
      [
        { field: 'count', descending: true },
        { field: 'name', descending: false },
      ],
    ],
    [['-id'], [{ field: 'id', descending: true }]],
  ];
  for (const [raw, expected] of sorts) {
    it(`sort: ${JSON.stringify(raw)}`, () => assert.deepEqual(parse({ sort: raw }).sort, expected));
  }

  const limits: Array<[string, Record<string, unknown>, QueryLimits, boolean, number, number]> = [
    ['explicit limit', { limit: '10' }, UNCAPPED, false, 10, 0],
    ['-1 means all', { limit: '-1' }, UNCAPPED, false, -1, 0],
    ['-1 means the max when capped', { limit: -1 }, CAPPED, false, 50, 0],
    ['default is capped by the max', {}, CAPPED, false, 50, 0],
    ['offset', { offset: '5' }, UNCAPPED, false, 100, 5],
    ['page turns into an offset', { limit: '10', page: '3' }, UNCAPPED, false, 10, 20],
    ['page with the default limit', { page: 2 }, UNCAPPED, false, 100, 100],
    ['page is ignored without a limit', { limit: '-1', page: '3' }, UNCAPPED, false, -1, 0],
    ['mutations by query are unlimited by default', {}, UNCAPPED, true, -1, 0],
  ];
  for (const [name, raw, limitsConfig, unlimited, limit, offset] of limits) {
    it(`limit: ${name}`, () => {
      const query = parse(raw, limitsConfig, unlimited);
      assert.equal(query.limit, limit);
      assert.equal(query.offset, offset);
    });
  }

  const metas: Array<[unknown, { totalCount: boolean; filterCount: boolean }]> = [
    ['total_count', { totalCount: true, filterCount: false }],
    ['filter_count', { totalCount: false, filterCount: true }],
    ['total_count,filter_count', { totalCount: true, filterCount: true }],
    ['*', { totalCount: true, filterCount: true }],
    [['total_count'], { totalCount: true, filterCount: false }],
  ];
  for (const [raw, expected] of metas) {
    it(`meta: ${JSON.stringify(raw)}`, () => assert.deepEqual(parse({ meta: raw }).meta, expected));
  }

  it('keeps the search term', () => assert.equal(parse({ search: 'ab' }).search, 'ab'));

  const refused: Array<[string, Record<string, unknown>, string, QueryLimits?]> = [
    ['an unknown field', { fields: 'nope' }, 'FORBIDDEN'],
    ['an injection attempt in fields', { fields: 'name,"; DROP TABLE x; --' }, 'FORBIDDEN'],
    ['a nested field path', { fields: 'owner.name' }, 'INVALID_QUERY'],
    ['*.*', { fields: '*.*' }, 'INVALID_QUERY'],
    ['sorting by an unknown field', { sort: '-nope' }, 'FORBIDDEN'],
    ['sorting by a concealed field', { sort: 'secret' }, 'FORBIDDEN'],
    ['an injection attempt in sort', { sort: 'name; DROP TABLE x' }, 'FORBIDDEN'],
    ['a limit that is not an integer', { limit: '10; DROP' }, 'INVALID_QUERY'],
    ['a limit below -1', { limit: '-2' }, 'INVALID_QUERY'],
    ['a limit over the max', { limit: '51' }, 'INVALID_QUERY', CAPPED],
    ['a negative offset', { offset: '-1' }, 'INVALID_QUERY'],
    ['page 0', { page: '0' }, 'INVALID_QUERY'],
    ['an unknown meta', { meta: 'count' }, 'INVALID_QUERY'],
    ['a non-string search', { search: { a: 1 } }, 'INVALID_QUERY'],
    ['aggregate', { aggregate: { count: '*' } }, 'INVALID_QUERY'],
    ['groupBy', { groupBy: 'name' }, 'INVALID_QUERY'],
    ['a filter with an unknown operator', { filter: '{"name":{"_regex":"x"}}' }, 'INVALID_QUERY'],
    ['a filter on a concealed field', { filter: { secret: { _eq: 'x' } } }, 'FORBIDDEN'],
  ];
  for (const [name, raw, code, limitsConfig] of refused) {
    it(`refuses ${name} (${code})`, () => {
      assert.throws(() => parse(raw, limitsConfig ?? UNCAPPED), { code });
    });
  }
});
