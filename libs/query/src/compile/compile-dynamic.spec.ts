import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Access, QueryContext } from '../query-types';
import {
  assertPlaceholdersMatch,
  boundValues,
  compileRaw,
  CONTEXT,
  USER_ID,
} from '../testing/compile.helpers';

const ROLES = ['a1111111-1111-4111-8111-111111111111', 'b2222222-2222-4222-8222-222222222222'];
const POLICIES = ['c3333333-3333-4333-8333-333333333333'];
const FULL: QueryContext = {
  ...CONTEXT,
  roles: ROLES,
  policies: POLICIES,
  variables: {
    '$CURRENT_USER.views': 7,
    '$CURRENT_USER.org_id': null,
    '$CURRENT_USER.tags.name': ['js', null, 'sql'],
    '$CURRENT_USER.no_tags': [],
    '$CURRENT_ROLE.name': 'Editors',
    '$CURRENT_USER.word': 'not-a-number',
  },
};

/** The root WHERE of `fields=id` on articles. */
const where = (expr: string) => `FROM "articles" AS t0 WHERE ${expr} ORDER BY t0."id" ASC`;
const json = (filter: unknown) => ({ filter: JSON.stringify(filter) });

type Row = [description: string, params: Record<string, unknown>, whereSql: string, values: unknown[]];

function runTable(rows: Row[], access?: (filter: unknown) => Access): void {
  for (const [description, params, whereSql, values] of rows) {
    it(description, () => {
      const compiled = access
        ? compileRaw({ fields: 'id' }, { context: FULL, access: access(JSON.parse(params.filter as string)) })
        : compileRaw({ fields: 'id', ...params }, { context: FULL });
      assert.deepEqual(boundValues(compiled, where(whereSql)), values);
      assertPlaceholdersMatch(compiled);
    });
  }
}

describe('dynamic variables in a request filter', () => {
  runTable([
    ['$CURRENT_ROLES with _in', json({ ref: { _in: '$CURRENT_ROLES' } }), 't0."ref" = ANY($?)', [ROLES]],
    [
      '$CURRENT_ROLES in a JSON list',
      json({ ref: { _in: ['$CURRENT_ROLES'] } }),
      't0."ref" = ANY($?)',
      [ROLES],
    ],
    ['$CURRENT_ROLES with _nin', json({ ref: { _nin: '$CURRENT_ROLES' } }), 't0."ref" <> ALL($?)', [ROLES]],
    [
      '$CURRENT_POLICIES with _in',
      json({ ref: { _in: '$CURRENT_POLICIES' } }),
      't0."ref" = ANY($?)',
      [POLICIES],
    ],
    // _eq against a list means "one of them" (the list is the value set, as Directus permissions use it).
    [
      '$CURRENT_ROLES with _eq → _in',
      json({ ref: { _eq: '$CURRENT_ROLES' } }),
      't0."ref" = ANY($?)',
      [ROLES],
    ],
    [
      '$CURRENT_ROLES with _neq → _nin',
      json({ ref: { _neq: '$CURRENT_ROLES' } }),
      't0."ref" <> ALL($?)',
      [ROLES],
    ],
    [
      'literals and a list variable mixed',
      json({ ref: { _in: [USER_ID, '$CURRENT_POLICIES'] } }),
      't0."ref" = ANY($?)',
      [[USER_ID, ...POLICIES]],
    ],
    ['$CURRENT_USER.<path> bound', json({ views: { _eq: '$CURRENT_USER.views' } }), 't0."views" = $?', [7]],
    [
      '$CURRENT_USER.<path> ordering',
      json({ views: { _gte: '$CURRENT_USER.views' } }),
      't0."views" >= $?',
      [7],
    ],
    [
      '$CURRENT_ROLE.<path> bound',
      json({ status: { _eq: '$CURRENT_ROLE.name' } }),
      't0."status" = $?',
      ['Editors'],
    ],
    [
      '$CURRENT_ROLE.<path> in a text operator',
      json({ title: { _contains: '$CURRENT_ROLE.name' } }),
      '(t0."title" LIKE $?::text)',
      ['%Editors%'],
    ],
    [
      'a to-many path is a list: _eq → _in, nulls dropped',
      json({ status: { _eq: '$CURRENT_USER.tags.name' } }),
      't0."status" = ANY($?)',
      [['js', 'sql']],
    ],
    // SECURITY: a variable without a value matches nothing — never `IS NULL`.
    ['_eq a null path → FALSE', json({ views: { _eq: '$CURRENT_USER.org_id' } }), 'FALSE', []],
    ['_neq a null path → FALSE', json({ views: { _neq: '$CURRENT_USER.org_id' } }), 'FALSE', []],
    ['_eq a path missing from the map → FALSE', json({ views: { _eq: '$CURRENT_USER.nope' } }), 'FALSE', []],
    ['_gt a null path → FALSE', json({ views: { _gt: '$CURRENT_USER.org_id' } }), 'FALSE', []],
    ['_contains a null path → FALSE', json({ title: { _contains: '$CURRENT_USER.org_id' } }), 'FALSE', []],
    [
      '_between with a null bound → FALSE',
      json({ views: { _between: [1, '$CURRENT_USER.org_id'] } }),
      'FALSE',
      [],
    ],
    [
      '_in: a null member is one alternative fewer',
      json({ views: { _in: [1, '$CURRENT_USER.org_id'] } }),
      't0."views" = ANY($?)',
      [[1]],
    ],
    ['_in: only null members → FALSE', json({ views: { _in: ['$CURRENT_USER.org_id'] } }), 'FALSE', []],
    ['_nin: a null member → FALSE', json({ views: { _nin: [1, '$CURRENT_USER.org_id'] } }), 'FALSE', []],
    ['_in an empty list variable → FALSE', json({ status: { _in: '$CURRENT_USER.no_tags' } }), 'FALSE', []],
    [
      '_nin an empty list variable excludes nothing',
      json({ status: { _nin: '$CURRENT_USER.no_tags' } }),
      'TRUE',
      [],
    ],
    ['a literal null keeps _eq null ≡ _null', json({ views: { _eq: null } }), 't0."views" IS NULL', []],
    [
      'a literal null keeps _neq null ≡ _nnull',
      json({ views: { _neq: null } }),
      't0."views" IS NOT NULL',
      [],
    ],
  ]);

  it('no roles in the context → $CURRENT_ROLES is empty: _in matches nothing', () => {
    const compiled = compileRaw({ fields: 'id', ...json({ ref: { _in: '$CURRENT_ROLES' } }) });
    assert.deepEqual(boundValues(compiled, where('FALSE')), []);
  });

  const refusals: Array<[string, unknown]> = [
    ['a list variable where one value is needed', { views: { _gt: '$CURRENT_USER.tags.name' } }],
    ['a list variable in _between', { views: { _between: ['$CURRENT_ROLES', 1] } }],
    ['a list variable in a text operator', { title: { _contains: '$CURRENT_ROLES' } }],
    ['a value the field cannot hold (request filter)', { views: { _eq: '$CURRENT_USER.word' } }],
    ['a malformed path', { views: { _eq: '$CURRENT_USER.' } }],
  ];
  for (const [description, filter] of refusals) {
    it(`400: ${description}`, () => {
      assert.throws(() => compileRaw({ fields: 'id', ...json(filter) }, { context: FULL }), {
        code: 'INVALID_QUERY',
      });
    });
  }
});

describe('dynamic variables in a permission row filter', () => {
  const access = (rowFilter: unknown): Access => ({
    collections: { articles: { rowFilter: rowFilter as Record<string, unknown>, fields: '*' } },
  });
  runTable(
    [
      ['$CURRENT_ROLES with _in', json({ ref: { _in: '$CURRENT_ROLES' } }), 't0."ref" = ANY($?)', [ROLES]],
      ['$CURRENT_USER.<path> bound', json({ views: { _eq: '$CURRENT_USER.views' } }), 't0."views" = $?', [7]],
      // SECURITY: a user without the value reaches no row, rather than every row where the column is null.
      ['_eq a null path → FALSE', json({ views: { _eq: '$CURRENT_USER.org_id' } }), 'FALSE', []],
      [
        '_eq $CURRENT_USER of nobody → FALSE',
        json({ _or: [{ views: { _eq: '$CURRENT_USER.org_id' } }, { status: { _eq: 'x' } }] }),
        '(FALSE OR t0."status" = $?)',
        ['x'],
      ],
      [
        'a value the field cannot hold matches nothing (no 400 from a stored rule)',
        json({ views: { _eq: '$CURRENT_USER.word' } }),
        'FALSE',
        [],
      ],
      [
        '_nin an empty list variable → FALSE',
        json({ status: { _nin: '$CURRENT_USER.no_tags' } }),
        'FALSE',
        [],
      ],
    ],
    access,
  );
});

describe('a shared permission set', () => {
  // The permissions layer hands every request of a permission set the same Access object: what is kept
  // between requests must not carry one request's dynamic values into the next.
  it('resolves its row filter with each request’s own values', () => {
    const access: Access = {
      collections: { articles: { rowFilter: { views: { _eq: '$CURRENT_USER.views' } }, fields: '*' } },
    };
    const compileFor = (views: number) =>
      compileRaw(
        { fields: 'id' },
        { access, context: { ...CONTEXT, variables: { '$CURRENT_USER.views': views } } },
      );
    assert.deepEqual(boundValues(compileFor(7), where('t0."views" = $?')), [7]);
    assert.deepEqual(boundValues(compileFor(8), where('t0."views" = $?')), [8]);
  });
});
