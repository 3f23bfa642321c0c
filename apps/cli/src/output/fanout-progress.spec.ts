import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FanoutResult } from '@atrium/tenancy';
import { formatFanoutEvent, formatFanoutSummary } from './fanout-progress';

describe('fan-out progress lines', () => {
  const at = { done: 3, of: 48, key: 'acme' };
  const cases: Array<[Parameters<typeof formatFanoutEvent>[0], string]> = [
    [
      { type: 'planned', latest: 'Probe1763900000009', pending: 48, upToDate: 2 },
      'Latest tenant migration: Probe1763900000009. 48 projects to migrate, 2 already up to date (concurrency 4).',
    ],
    [
      { type: 'migrated', applied: ['Probe1763900000009'], ms: 85, ...at },
      '[3/48] acme: applied Probe1763900000009 in 85 ms',
    ],
    [
      { type: 'migrated', applied: [], ms: 5, ...at },
      '[3/48] acme: its database was already current; registry updated',
    ],
    [{ type: 'up-to-date', ...at }, '[3/48] acme: migrated meanwhile by another process, skipped'],
    [{ type: 'vanished', ...at }, '[3/48] acme: deleted meanwhile, skipped'],
    [
      { type: 'failed', error: 'database "x" does not exist (3D000)', ...at },
      '[3/48] acme: FAILED: database "x" does not exist (3D000)',
    ],
  ];
  for (const [event, line] of cases) {
    it(`prints a "${event.type}" event`, () => assert.equal(formatFanoutEvent(event, 4), line));
  }

  it('summarises a finished and an interrupted run', () => {
    const result: FanoutResult = {
      latest: 'X1763900000000',
      migrated: ['a', 'b'],
      upToDate: ['c'],
      failed: [{ key: 'd', error: 'boom' }],
      interrupted: false,
    };
    assert.equal(formatFanoutSummary(result, 4210), 'Done in 4.2 s: 2 migrated, 1 up to date, 1 failed.');
    assert.equal(
      formatFanoutSummary({ ...result, interrupted: true }, 950),
      'Stopped after 0.9 s: 2 migrated, 1 up to date, 1 failed.',
    );
  });
});
