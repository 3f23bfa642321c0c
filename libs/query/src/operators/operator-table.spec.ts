import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FILTER_NODE_OPERATORS, FILTER_OPERATORS, findOperator, GEOMETRY_OPERATORS } from './operator-lookup';
import type { SqlSide, SqlTerms } from './operator-record';
import { OPERATOR_TABLE } from './operator-table';

/** Stand-ins for the compiled sides, so each builder's SQL reads plainly. */
const TERMS: SqlTerms = {
  value: 'v',
  text: 'v::text',
  empty: 'EMPTY(v)',
  bind: (operand) => `<${String(operand)}>`,
  bindList: (operands) => `<list ${String(operands)}>`,
  bindText: (operand) => `<text ${operand}>`,
};

type SqlCases = Array<[operand: unknown, sql: string]> | Exclude<SqlSide['kind'], 'compiled'>;
type JsCases = Array<[value: unknown, operand: unknown, passes: boolean]> | 'fails closed';

/**
 * One row per operator: what its SQL builder writes (or how the compiler declines it) and what its JS
 * predicate answers (or that it fails closed). A record without its row, or a row without its record, fails.
 */
const ROWS: Array<[op: string, sql: SqlCases, js: JsCases]> = [
  [
    '_eq',
    [['x', 'v = <x>']],
    [
      ['a', 'a', true],
      ['a', 'b', false],
      [5, '5', true],
      [null, null, true],
      [undefined, null, true],
      [null, 'a', false],
    ],
  ],
  [
    '_neq',
    [['x', 'v <> <x>']],
    [
      ['a', 'b', true],
      ['a', 'a', false],
      [null, 'a', true],
      [null, null, false],
      ['a', null, true],
    ],
  ],
  [
    '_ieq',
    [['X', 'lower(v::text) = lower(<text X>)']],
    [
      ['ABC', 'abc', true],
      ['ABC', 'abd', false],
    ],
  ],
  [
    '_nieq',
    [['X', 'lower(v::text) <> lower(<text X>)']],
    [
      ['ABC', 'abc', false],
      ['ABC', 'abd', true],
    ],
  ],
  [
    '_lt',
    [[5, 'v < <5>']],
    [
      [4, 5, true],
      [5, 5, false],
      ['4', '5', true],
      [null, 5, false],
    ],
  ],
  [
    '_lte',
    [[5, 'v <= <5>']],
    [
      [5, 5, true],
      [6, 5, false],
      [undefined, 5, false],
    ],
  ],
  [
    '_gt',
    [[5, 'v > <5>']],
    [
      [6, 5, true],
      [5, 5, false],
      [null, -1, false],
    ],
  ],
  [
    '_gte',
    [[5, 'v >= <5>']],
    [
      [5, 5, true],
      [4, 5, false],
    ],
  ],
  [
    '_in',
    [[['a', 'b'], 'v = ANY(<list a,b>)']],
    [
      ['b', ['a', 'b'], true],
      ['c', ['a', 'b'], false],
      ['b', 'a,b', true],
      [1, [1, 2], true],
      [null, ['a'], false],
      ['x', [], false],
    ],
  ],
  [
    '_nin',
    [[['a', 'b'], 'v <> ALL(<list a,b>)']],
    [
      ['c', ['a', 'b'], true],
      ['a', ['a', 'b'], false],
      [null, ['a'], true],
      ['x', [], false],
    ],
  ],
  [
    '_null',
    [
      [true, 'v IS NULL'],
      [false, 'v IS NOT NULL'],
    ],
    [
      [null, true, true],
      [undefined, 'true', true],
      ['a', true, false],
      ['a', false, true],
      [null, false, false],
    ],
  ],
  [
    '_nnull',
    [
      [true, 'v IS NOT NULL'],
      [false, 'v IS NULL'],
    ],
    [
      ['a', true, true],
      [null, true, false],
      [null, false, true],
    ],
  ],
  [
    '_contains',
    [['a_b', '(v::text LIKE <text %a\\_b%>)']],
    [
      ['xaby', 'ab', true],
      ['XABY', 'ab', false],
      ['xy', 'ab', false],
    ],
  ],
  [
    '_ncontains',
    [['ab', 'NOT (v::text LIKE <text %ab%>)']],
    [
      ['xy', 'ab', true],
      ['xaby', 'ab', false],
    ],
  ],
  [
    '_icontains',
    [['ab', '(v::text ILIKE <text %ab%>)']],
    [
      ['XABY', 'ab', true],
      ['xy', 'AB', false],
    ],
  ],
  [
    '_nicontains',
    [['ab', 'NOT (v::text ILIKE <text %ab%>)']],
    [
      ['XABY', 'ab', false],
      ['xy', 'AB', true],
    ],
  ],
  [
    '_starts_with',
    [['a%', '(v::text LIKE <text a\\%%>)']],
    [
      ['abc', 'ab', true],
      ['cab', 'ab', false],
    ],
  ],
  [
    '_nstarts_with',
    [['ab', 'NOT (v::text LIKE <text ab%>)']],
    [
      ['abc', 'ab', false],
      ['cab', 'ab', true],
    ],
  ],
  [
    '_istarts_with',
    [['ab', '(v::text ILIKE <text ab%>)']],
    [
      ['ABc', 'ab', true],
      ['cab', 'AB', false],
    ],
  ],
  [
    '_nistarts_with',
    [['ab', 'NOT (v::text ILIKE <text ab%>)']],
    [
      ['ABc', 'ab', false],
      ['cab', 'AB', true],
    ],
  ],
  [
    '_ends_with',
    [['a\\', '(v::text LIKE <text %a\\\\>)']],
    [
      ['cab', 'ab', true],
      ['abc', 'ab', false],
    ],
  ],
  [
    '_nends_with',
    [['ab', 'NOT (v::text LIKE <text %ab>)']],
    [
      ['cab', 'ab', false],
      ['abc', 'ab', true],
    ],
  ],
  [
    '_iends_with',
    [['ab', '(v::text ILIKE <text %ab>)']],
    [
      ['CAB', 'ab', true],
      ['abc', 'AB', false],
    ],
  ],
  [
    '_niends_with',
    [['ab', 'NOT (v::text ILIKE <text %ab>)']],
    [
      ['CAB', 'ab', false],
      ['abc', 'AB', true],
    ],
  ],
  [
    '_between',
    [[[1, 5], 'v BETWEEN <1> AND <5>']],
    [
      [3, [1, 5], true],
      [1, [1, 5], true],
      ['5', [1, 5], true],
      [6, [1, 5], false],
      [null, [1, 5], false],
    ],
  ],
  [
    '_nbetween',
    [[[1, 5], 'v NOT BETWEEN <1> AND <5>']],
    [
      [6, [1, 5], true],
      [0, [1, 5], true],
      [3, [1, 5], false],
      [null, [1, 5], false],
    ],
  ],
  [
    '_empty',
    [
      [true, 'EMPTY(v)'],
      [false, 'NOT EMPTY(v)'],
    ],
    [
      ['', true, true],
      [[], true, true],
      [null, true, true],
      ['a', true, false],
      ['a', false, true],
    ],
  ],
  [
    '_nempty',
    [
      [true, 'NOT EMPTY(v)'],
      [false, 'EMPTY(v)'],
    ],
    [
      ['a', true, true],
      ['', true, false],
      ['', false, true],
    ],
  ],
  ['_json', 'nested', 'fails closed'],
  ['_intersects', 'refused', 'fails closed'],
  ['_nintersects', 'refused', 'fails closed'],
  ['_intersects_bbox', 'refused', 'fails closed'],
  ['_nintersects_bbox', 'refused', 'fails closed'],
  [
    '_regex',
    'unparsed',
    [
      ['a@example.com', '^[^@]+@example\\.com$', true],
      ['a@example.org', '^[^@]+@example\\.com$', false],
      ['ABC', '/^abc$/i', true],
      ['ABC', '/^abc$/', false],
      ['(', '(', false],
    ],
  ],
];

describe('operator table', () => {
  it('has a row here for every record, and a record for every row', () => {
    assert.deepEqual(ROWS.map(([op]) => op).sort(), Object.keys(OPERATOR_TABLE).sort());
  });

  for (const [op, sqlCases, jsCases] of ROWS) {
    it(`${op}: SQL`, () => {
      const record = findOperator(op);
      assert.ok(record, `no record for ${op}`);
      const { sql } = record;
      if (typeof sqlCases === 'string') {
        assert.equal(sql.kind, sqlCases);
        if (sql.kind === 'refused' || sql.kind === 'unparsed') assert.ok(sql.reason.length > 0);
        return;
      }
      assert.equal(sql.kind, 'compiled', `${op} has no SQL builder`);
      if (sql.kind !== 'compiled') return;
      for (const [operand, expected] of sqlCases) assert.equal(sql.build(TERMS, operand), expected);
    });

    it(`${op}: JS`, () => {
      const record = findOperator(op);
      assert.ok(record, `no record for ${op}`);
      const { js } = record;
      if (jsCases === 'fails closed') {
        assert.equal(js.kind, 'fails-closed');
        if (js.kind === 'fails-closed') assert.ok(js.reason.length > 0);
        return;
      }
      assert.equal(js.kind, 'evaluated', `${op} has no JS predicate`);
      if (js.kind !== 'evaluated') return;
      for (const [value, operand, passes] of jsCases) {
        assert.equal(js.test(value, operand), passes, `${op} ${JSON.stringify([value, operand])}`);
      }
    });
  }

  it('derives the lists the parser and the compiler use', () => {
    const kinds = (kind: string) =>
      Object.entries(OPERATOR_TABLE)
        .filter(([, record]) => record.sql.kind === kind)
        .map(([op]) => op);
    assert.deepEqual([...FILTER_OPERATORS], kinds('compiled'));
    assert.deepEqual([...GEOMETRY_OPERATORS], kinds('refused'));
    assert.deepEqual(
      [...FILTER_NODE_OPERATORS].sort(),
      [...kinds('compiled'), '_json', ...kinds('refused')].sort(),
    );
    assert.ok(!FILTER_NODE_OPERATORS.has('_regex'));
  });

  it('knows no operator by an inherited name', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      assert.equal(findOperator(name), undefined);
    }
  });
});
