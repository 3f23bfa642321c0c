import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from '../parse/parse-query';
import { collectDynamicVariables } from './collect-dynamic-variables';

describe('collectDynamicVariables', () => {
  const rows: Array<[description: string, filters: unknown[], expected: string[]]> = [
    ['nothing', [null, undefined, {}], []],
    ['plain variables are not prefetched', [{ owner: { _eq: '$CURRENT_USER' }, at: { _lt: '$NOW' } }], []],
    ['lists are not prefetched', [{ role: { _in: '$CURRENT_ROLES' }, p: { _in: '$CURRENT_POLICIES' } }], []],
    ['a user path', [{ org: { _eq: '$CURRENT_USER.org' } }], ['$CURRENT_USER.org']],
    ['a role path', [{ name: { _eq: '$CURRENT_ROLE.name' } }], ['$CURRENT_ROLE.name']],
    [
      'a relational path',
      [{ org: { _eq: '$CURRENT_USER.role.parent.name' } }],
      ['$CURRENT_USER.role.parent.name'],
    ],
    [
      'nested in _and/_or, relations and lists, deduplicated',
      [
        {
          _or: [
            { org: { _eq: '$CURRENT_USER.org' } },
            { author: { org: { _in: ['$CURRENT_USER.org', 3] } } },
          ],
        },
        { team: { _some: { id: { _eq: '$CURRENT_ROLE.team' } } } },
      ],
      ['$CURRENT_ROLE.team', '$CURRENT_USER.org'],
    ],
    [
      'CSV text item by item',
      [{ org: { _in: '1,$CURRENT_USER.org, $CURRENT_USER.alt' } }],
      ['$CURRENT_USER.alt', '$CURRENT_USER.org'],
    ],
    ['presets (plain values)', [{ org: '$CURRENT_USER.org', n: 1 }], ['$CURRENT_USER.org']],
    ['keys are not values', [{ '$CURRENT_USER.org': { _eq: 1 } }], []],
    [
      'malformed paths are ignored',
      [{ a: { _eq: '$CURRENT_USER.' } }, { b: { _eq: '$CURRENT_USER.a..b' } }],
      [],
    ],
    ['other variables', [{ a: { _eq: '$CURRENT_USERS.x' } }, { b: { _eq: 'x$CURRENT_USER.org' } }], []],
  ];
  for (const [description, filters, expected] of rows) {
    it(description, () => assert.deepEqual(collectDynamicVariables(filters), expected));
  }

  it('walks a parsed query (operator values hold the raw operands)', () => {
    const query = parseQuery({
      filter: '{"org":{"_eq":"$CURRENT_USER.org"}}',
      deep: '{"comments":{"_filter":{"score":{"_in":["$CURRENT_ROLE.level"]}}}}',
    });
    assert.deepEqual(collectDynamicVariables([query.filter, query.deep]), [
      '$CURRENT_ROLE.level',
      '$CURRENT_USER.org',
    ]);
  });

  it('survives deep nesting without recursion', () => {
    let filter: unknown = { org: { _eq: '$CURRENT_USER.org' } };
    for (let i = 0; i < 100_000; i++) filter = { _and: [filter] };
    assert.deepEqual(collectDynamicVariables([filter]), ['$CURRENT_USER.org']);
  });
});
