import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE, SAMPLE_UUID } from '../testing/sample-collection.fixture';
import { compileFilter, compileSearch, escapeLike } from './compile-filter';
import { parseFilter } from './parse-filter';
import { SqlParams } from './sql-params';

function compile(filter: unknown): { sql: string; values: unknown[] } {
  const node = parseFilter(SAMPLE, filter);
  assert.ok(node, 'filter parsed to nothing');
  const params = new SqlParams();
  return { sql: compileFilter(SAMPLE, node, params), values: params.values };
}

describe('compileFilter', () => {
  const cases: Array<[string, unknown, string, unknown[]]> = [
    ['_eq', { name: { _eq: 'x' } }, '"name" = $1', ['x']],
    ['_eq null', { name: { _eq: null } }, '"name" IS NULL', []],
    ['_neq', { name: { _neq: 'x' } }, '"name" <> $1', ['x']],
    ['_neq null', { name: { _neq: null } }, '"name" IS NOT NULL', []],
    ['_lt', { count: { _lt: 5 } }, '"count" < $1', [5]],
    ['_lte', { count: { _lte: '5' } }, '"count" <= $1', [5]],
    ['_gt', { count: { _gt: -2 } }, '"count" > $1', [-2]],
    ['_gte', { seen_at: { _gte: '2026-01-02' } }, '"seen_at" >= $1', ['2026-01-02T00:00:00.000Z']],
    ['_in', { status: { _in: ['on', 'off'] } }, '"status" = ANY($1)', [['on', 'off']]],
    ['_in as CSV', { count: { _in: '1,2' } }, '"count" = ANY($1)', [[1, 2]]],
    ['_in [] never matches', { status: { _in: [] } }, 'FALSE', []],
    ['_nin', { status: { _nin: ['on'] } }, '"status" <> ALL($1)', [['on']]],
    ['_nin [] excludes nothing', { status: { _nin: [] } }, 'TRUE', []],
    ['_null true', { owner: { _null: true } }, '"owner" IS NULL', []],
    ['_null "false"', { owner: { _null: 'false' } }, '"owner" IS NOT NULL', []],
    ['_nnull', { owner: { _nnull: 'true' } }, '"owner" IS NOT NULL', []],
    ['_contains', { name: { _contains: 'a%b' } }, '"name" LIKE $1', ['%a\\%b%']],
    ['_ncontains', { name: { _ncontains: 'a' } }, '"name" NOT LIKE $1', ['%a%']],
    ['_icontains', { name: { _icontains: 'A_' } }, '"name" ILIKE $1', ['%A\\_%']],
    ['_nicontains', { name: { _nicontains: 'a' } }, '"name" NOT ILIKE $1', ['%a%']],
    ['_starts_with', { name: { _starts_with: 'a' } }, '"name" LIKE $1', ['a%']],
    ['_nstarts_with', { name: { _nstarts_with: 'a' } }, '"name" NOT LIKE $1', ['a%']],
    ['_istarts_with', { name: { _istarts_with: 'a' } }, '"name" ILIKE $1', ['a%']],
    ['_nistarts_with', { name: { _nistarts_with: 'a' } }, '"name" NOT ILIKE $1', ['a%']],
    ['_ends_with', { name: { _ends_with: 'z' } }, '"name" LIKE $1', ['%z']],
    ['_nends_with', { name: { _nends_with: 'z' } }, '"name" NOT LIKE $1', ['%z']],
    ['_iends_with', { name: { _iends_with: 'Z' } }, '"name" ILIKE $1', ['%Z']],
    ['_niends_with', { name: { _niends_with: 'z' } }, '"name" NOT ILIKE $1', ['%z']],
    [
      '_contains on a uuid casts to text',
      { owner: { _contains: '6f1c' } },
      '"owner"::text LIKE $1',
      ['%6f1c%'],
    ],
    ['_between', { count: { _between: [1, 9] } }, '"count" BETWEEN $1 AND $2', [1, 9]],
    ['_between as CSV', { count: { _between: '1,9' } }, '"count" BETWEEN $1 AND $2', [1, 9]],
    ['_nbetween', { count: { _nbetween: [1, 9] } }, '"count" NOT BETWEEN $1 AND $2', [1, 9]],
    ['_empty on text', { name: { _empty: true } }, `("name" IS NULL OR "name" = '')`, []],
    ['_empty on json', { options: { _empty: true } }, '"options" IS NULL', []],
    ['_nempty on text', { name: { _nempty: true } }, `("name" IS NOT NULL AND "name" <> '')`, []],
    ['_nnull on json', { options: { _nnull: true } }, '"options" IS NOT NULL', []],
    ['boolean from text', { enabled: { _eq: 'true' } }, '"enabled" = $1', [true]],
    ['uuid', { owner: { _eq: SAMPLE_UUID } }, '"owner" = $1', [SAMPLE_UUID]],
    ['a bare value means _eq', { status: 'on' }, '"status" = $1', ['on']],
    [
      'several operators on a field',
      { count: { _gt: 1, _lt: 5 } },
      '("count" > $1 AND "count" < $2)',
      [1, 5],
    ],
    ['several fields', { name: { _eq: 'a' }, count: { _eq: 1 } }, '("name" = $1 AND "count" = $2)', ['a', 1]],
    [
      '_and / _or nest',
      { _or: [{ name: { _eq: 'a' } }, { _and: [{ count: { _gt: 1 } }, { enabled: { _eq: false } }] }] },
      '("name" = $1 OR ("count" > $2 AND "enabled" = $3))',
      ['a', 1, false],
    ],
    ['empty _and adds no condition', { _and: [] }, 'TRUE', []],
    ['JSON text', '{"name":{"_eq":"x"}}', '"name" = $1', ['x']],
    // Values never reach the SQL text: quotes and comments stay inside the bound parameter.
    [
      'an injection attempt stays a value',
      { name: { _eq: "x'; DROP TABLE users; --" } },
      '"name" = $1',
      ["x'; DROP TABLE users; --"],
    ],
  ];
  for (const [name, filter, sql, values] of cases) {
    it(name, () => assert.deepEqual(compile(filter), { sql, values }));
  }
});

describe('parseFilter refusals', () => {
  const refused: Array<[string, unknown, string]> = [
    ['malformed JSON', '{"name":', 'INVALID_QUERY'],
    ['a JSON array', '[1]', 'INVALID_QUERY'],
    ['an unknown operator', { name: { _like: 'x' } }, 'INVALID_QUERY'],
    ['an unknown logical operator', { _not: [] }, 'INVALID_QUERY'],
    ['_and that is not an array', { _and: { name: { _eq: 'x' } } }, 'INVALID_QUERY'],
    ['a non-boolean _null', { name: { _null: 'maybe' } }, 'INVALID_QUERY'],
    ['a non-integer on an integer', { count: { _eq: '1; DROP' } }, 'INVALID_QUERY'],
    ['an out-of-range integer', { count: { _eq: 99999999999 } }, 'INVALID_QUERY'],
    ['a non-UUID on a uuid', { owner: { _eq: "x' OR '1'='1" } }, 'INVALID_QUERY'],
    ['a bad date', { seen_at: { _gt: 'yesterday-ish' } }, 'INVALID_QUERY'],
    ['_between with one value', { count: { _between: [1] } }, 'INVALID_QUERY'],
    ['_in with an object', { count: { _in: { a: 1 } } }, 'INVALID_QUERY'],
    ['a pattern on an integer', { count: { _contains: '1' } }, 'INVALID_QUERY'],
    ['comparing JSON', { options: { _eq: '{}' } }, 'INVALID_QUERY'],
    ['an object operand', { name: { _eq: { a: 1 } } }, 'INVALID_QUERY'],
    ['an unknown field', { nope: { _eq: 1 } }, 'FORBIDDEN'],
    ['an injection attempt as a field name', { 'name" = \'x\' OR "1': { _eq: 1 } }, 'FORBIDDEN'],
    ['a concealed field', { secret: { _nnull: true } }, 'FORBIDDEN'],
    ['a relational path', { 'owner.name': { _eq: 'x' } }, 'FORBIDDEN'],
  ];
  for (const [name, filter, code] of refused) {
    it(`refuses ${name} (${code})`, () => {
      assert.throws(() => parseFilter(SAMPLE, filter), { code, status: code === 'FORBIDDEN' ? 403 : 400 });
    });
  }

  it('treats an empty filter as none', () => {
    assert.equal(parseFilter(SAMPLE, {}), null);
    assert.equal(parseFilter(SAMPLE, ''), null);
    assert.equal(parseFilter(SAMPLE, undefined), null);
  });
});

describe('compileSearch', () => {
  it('searches text fields, never concealed ones', () => {
    const params = new SqlParams();
    assert.equal(
      compileSearch(SAMPLE, 'ab%', params),
      '("name" ILIKE $1 OR "status" ILIKE $1 OR "tags" ILIKE $1)',
    );
    assert.deepEqual(params.values, ['%ab\\%%']);
  });

  it('adds integer equality for integer terms and uuid equality for UUIDs', () => {
    const numeric = new SqlParams();
    assert.equal(
      compileSearch(SAMPLE, '42', numeric),
      '("name" ILIKE $1 OR "status" ILIKE $1 OR "count" = $2 OR "tags" ILIKE $1)',
    );
    assert.deepEqual(numeric.values, ['%42%', 42]);
    const uuid = new SqlParams();
    assert.equal(
      compileSearch(SAMPLE, SAMPLE_UUID, uuid),
      '("id" = $1 OR "name" ILIKE $2 OR "status" ILIKE $2 OR "tags" ILIKE $2 OR "owner" = $3)',
    );
  });

  it('escapes LIKE wildcards', () => {
    assert.equal(escapeLike('50%_off\\'), '50\\%\\_off\\\\');
  });
});
