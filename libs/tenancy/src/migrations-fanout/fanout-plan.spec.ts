import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareProjectKeys, FanoutCandidate, planFanout } from './fanout-plan';

const LATEST = 'Probe1763900000009';
const OLDER = 'SystemTables1763900000000';

function project(
  key: string,
  tenantMigration: string | null = OLDER,
  status: FanoutCandidate['status'] = 'active',
): FanoutCandidate {
  return { key, status, tenantMigration };
}

const keys = (projects: FanoutCandidate[]) => projects.map((p) => p.key);

describe('planFanout', () => {
  it('orders pending projects by key whatever the registry order', () => {
    const plan = planFanout([project('delta'), project('alpha'), project('charlie'), project('bravo')], {
      latest: LATEST,
    });
    assert.deepEqual(keys(plan.pending), ['alpha', 'bravo', 'charlie', 'delta']);
    assert.deepEqual(plan.upToDate, []);
  });

  it('skips projects the registry records at the latest migration (what makes a rerun resume)', () => {
    const plan = planFanout([project('b', LATEST), project('a'), project('c', LATEST), project('d', null)], {
      latest: LATEST,
    });
    assert.deepEqual(keys(plan.pending), ['a', 'd']);
    assert.deepEqual(plan.upToDate, ['b', 'c']);
  });

  it('visits suspended projects and leaves those being provisioned alone', () => {
    const plan = planFanout(
      [project('s', OLDER, 'suspended'), project('p', null, 'provisioning'), project('a')],
      { latest: LATEST },
    );
    assert.deepEqual(keys(plan.pending), ['a', 's']);
    assert.deepEqual(plan.upToDate, []);
  });

  const fromCases: Array<[string, string, string[]]> = [
    ['an existing key: starts there, inclusive', 'charlie', ['charlie', 'delta']],
    ['a key between two projects: starts at the next one', 'bz', ['charlie', 'delta']],
    ['a key before every project: visits them all', 'a', ['alpha', 'bravo', 'charlie', 'delta']],
    ['a key after every project: visits none', 'zulu', []],
  ];
  for (const [label, from, expected] of fromCases) {
    it(`honours "from" with ${label}`, () => {
      const plan = planFanout([project('delta'), project('alpha'), project('charlie'), project('bravo')], {
        latest: LATEST,
        from,
      });
      assert.deepEqual(keys(plan.pending), expected);
    });
  }

  it('applies "from" to the up-to-date list too', () => {
    const plan = planFanout([project('a', LATEST), project('b', LATEST), project('c')], {
      latest: LATEST,
      from: 'b',
    });
    assert.deepEqual(plan.upToDate, ['b']);
    assert.deepEqual(keys(plan.pending), ['c']);
  });

  it('does not reorder the array it was given', () => {
    const input = [project('b'), project('a')];
    planFanout(input, { latest: LATEST });
    assert.deepEqual(keys(input), ['b', 'a']);
  });
});

describe('compareProjectKeys', () => {
  it('orders by code unit, not locale ("-" and digits before letters, "_" after upper case)', () => {
    const sorted = ['b_1', 'b-1', 'a', 'b1', 'b'].sort(compareProjectKeys);
    assert.deepEqual(sorted, ['a', 'b', 'b-1', 'b1', 'b_1']);
  });
});
