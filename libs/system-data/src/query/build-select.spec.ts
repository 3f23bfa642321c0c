import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE, SAMPLE_UUID } from '../testing/sample-collection.fixture';
import { buildCount, buildSelect, buildSelectByKeys, buildSelectKeys } from './build-select';
import { parseQuery } from './parse-query';

const query = (raw: Record<string, unknown>) =>
  parseQuery(SAMPLE, raw, { limits: { default: 100, max: -1 } });

describe('buildSelect', () => {
  const cases: Array<[string, Record<string, unknown>, string, unknown[]]> = [
    [
      'masks concealed fields and splits CSV fields in SQL',
      { fields: 'id,secret,tags' },
      `SELECT "id", CASE WHEN "secret" IS NULL THEN NULL ELSE '**********' END AS "secret", ` +
        `string_to_array("tags", ',') AS "tags" FROM "sample_table" ORDER BY "id" ASC LIMIT $1`,
      [100],
    ],
    [
      'filter, search, sort, limit, offset',
      { fields: 'name', filter: { count: { _gt: 1 } }, search: 'x', sort: '-name', limit: '5', offset: '10' },
      'SELECT "name" FROM "sample_table" WHERE "count" > $1 AND ("name" ILIKE $2 OR "status" ILIKE $2 OR ' +
        '"tags" ILIKE $2) ORDER BY "name" DESC, "id" ASC LIMIT $3 OFFSET $4',
      [1, '%x%', 5, 10],
    ],
    [
      'no limit for -1, no tie-breaker when sorting by the key',
      { fields: 'id', sort: '-id', limit: '-1' },
      'SELECT "id" FROM "sample_table" ORDER BY "id" DESC',
      [],
    ],
  ];
  for (const [name, raw, text, values] of cases) {
    it(name, () => assert.deepEqual(buildSelect(SAMPLE, query(raw)), { text, values }));
  }

  it('restricts to keys, in their order unless sorted', () => {
    assert.deepEqual(buildSelect(SAMPLE, query({ fields: 'id', limit: '-1' }), [SAMPLE_UUID]), {
      text:
        'SELECT "id" FROM "sample_table" WHERE "id" = ANY($1::uuid[]) ' +
        'ORDER BY array_position($1::uuid[], "id"), "id" ASC',
      values: [[SAMPLE_UUID]],
    });
  });
});

describe('other statements', () => {
  it('counts all rows or the filtered ones', () => {
    assert.deepEqual(buildCount(SAMPLE, { filter: null, search: null }), {
      text: 'SELECT count(*)::int AS count FROM "sample_table"',
      values: [],
    });
    const filtered = query({ filter: { name: { _eq: 'a' } } });
    assert.deepEqual(buildCount(SAMPLE, { filter: filtered.filter, search: null }), {
      text: 'SELECT count(*)::int AS count FROM "sample_table" WHERE "name" = $1',
      values: ['a'],
    });
  });

  it('selects and locks the keys a mutation query matches', () => {
    assert.deepEqual(buildSelectKeys(SAMPLE, query({ filter: { name: { _eq: 'a' } }, limit: '-1' })), {
      text: 'SELECT "id" AS key FROM "sample_table" WHERE "name" = $1 ORDER BY "id" ASC FOR UPDATE',
      values: ['a'],
    });
  });

  it('reads rows back in key order', () => {
    assert.deepEqual(buildSelectByKeys(SAMPLE, ['id', 'name'], ['b', 'a']), {
      text:
        'SELECT "id", "name" FROM "sample_table" WHERE "id" = ANY($1::uuid[]) ' +
        'ORDER BY array_position($1::uuid[], "id")',
      values: [['b', 'a']],
    });
  });
});
