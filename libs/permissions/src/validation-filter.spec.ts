import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FILTER_OPERATORS, findOperator, GEOMETRY_OPERATORS } from '@atrium/query';
import { firstFailingField } from './validation-filter';

describe('firstFailingField', () => {
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string | null, boolean?]> = [
    ['_eq passes', { status: { _eq: 'draft' } }, { status: 'draft' }, null],
    ['_eq fails', { status: { _eq: 'draft' } }, { status: 'published' }, 'status'],
    ['_eq null is _null', { owner: { _eq: null } }, { owner: null }, null],
    ['_neq', { status: { _neq: 'archived' } }, { status: 'archived' }, 'status'],
    ['_in', { status: { _in: ['a', 'b'] } }, { status: 'b' }, null],
    ['_in: [] never passes', { status: { _in: [] } }, { status: 'x' }, 'status'],
    ['_nin: [] never passes', { status: { _nin: [] } }, { status: 'x' }, 'status'],
    ['_nin', { status: { _nin: ['a'] } }, { status: 'b' }, null],
    ['_gt number', { price: { _gt: 10 } }, { price: 11 }, null],
    ['_gt missing fails', { price: { _gt: 10 } }, {}, 'price'],
    ['_between', { n: { _between: [1, 5] } }, { n: 6 }, 'n'],
    ['_nempty', { title: { _nempty: true } }, { title: '' }, 'title'],
    ['_empty', { title: { _empty: true } }, { title: '' }, null],
    ['_nnull', { title: { _nnull: true } }, { title: null }, 'title'],
    ['_contains', { title: { _contains: 'ab' } }, { title: 'xaby' }, null],
    ['_icontains', { title: { _icontains: 'AB' } }, { title: 'xaby' }, null],
    ['_starts_with', { title: { _starts_with: 'x' } }, { title: 'yx' }, 'title'],
    ['_regex', { email: { _regex: '^[^@]+@example\\.com$' } }, { email: 'a@example.com' }, null],
    ['_regex /flags/', { code: { _regex: '/^abc$/i' } }, { code: 'ABC' }, null],
    ['invalid _regex fails closed', { code: { _regex: '(' } }, { code: '(' }, 'code'],
    ['unknown operator fails closed', { code: { _sounds_like: 'x' } }, { code: 'x' }, 'code'],
    [
      '_and names the first failing field',
      { _and: [{ a: { _eq: 1 } }, { b: { _eq: 2 } }] },
      { a: 1, b: 3 },
      'b',
    ],
    ['_or passes on one branch', { _or: [{ a: { _eq: 1 } }, { b: { _eq: 2 } }] }, { a: 0, b: 2 }, null],
    ['_or fails on all branches', { _or: [{ a: { _eq: 1 } }, { b: { _eq: 2 } }] }, { a: 0, b: 0 }, 'a'],
    ['partial skips absent fields', { title: { _nempty: true } }, { status: 'x' }, null, true],
    ['partial still checks present ones', { title: { _nempty: true } }, { title: '' }, 'title', true],
    ['full checks absent fields', { title: { _nempty: true } }, { status: 'x' }, 'title', false],
    ['_nistarts_with', { code: { _nistarts_with: 'ab' } }, { code: 'ABc' }, 'code'],
    ['_nistarts_with passes', { code: { _nistarts_with: 'ab' } }, { code: 'cab' }, null],
    ['_niends_with', { code: { _niends_with: 'ab' } }, { code: 'cAB' }, 'code'],
    ['_niends_with passes', { code: { _niends_with: 'ab' } }, { code: 'abc' }, null],
    ['geometry fails closed', { spot: { _intersects: { type: 'Point' } } }, { spot: 'x' }, 'spot'],
    ['_json fails closed', { data: { _json: { a: { _eq: 1 } } } }, { data: { a: 1 } }, 'data'],
    ['an inherited name fails closed', { code: { constructor: 'x' } }, { code: 'x' }, 'code'],
  ];
  for (const [name, filter, payload, expected, partial] of cases) {
    it(name, () => assert.equal(firstFailingField(filter, payload, partial ?? false), expected));
  }
});

describe('firstFailingField: the operator table decides each operator', () => {
  const values: unknown[] = [null, '', 'ab', 'AB', 5, '5', [], ['a']];
  const operands: unknown[] = [null, true, false, 'ab', 5, ['ab', 5], [1, 6], '^a'];
  for (const op of [...FILTER_OPERATORS, ...GEOMETRY_OPERATORS, '_json', '_regex']) {
    it(op, () => {
      const js = findOperator(op)?.js;
      assert.ok(js);
      for (const value of values) {
        for (const operand of operands) {
          const passes: boolean = js.kind === 'evaluated' && js.test(value, operand);
          const failing = firstFailingField({ f: { [op]: operand } }, { f: value });
          assert.equal(failing, passes ? null : 'f', JSON.stringify([value, operand]));
        }
      }
    });
  }
});
