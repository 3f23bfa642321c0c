import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryWindows } from './memory-windows';
import { decide, windowAt } from './sliding-window';

describe('sliding-window rate limits', () => {
  it('aligns windows to the epoch', () => {
    assert.deepEqual(windowAt(125_000, 60_000), { index: 2, elapsedMs: 5_000 });
  });

  it('admits up to the limit in a fresh window and counts what is left', () => {
    assert.deepEqual(decide({ previous: 0, current: 0 }, 0, 1000, 3), {
      allowed: true,
      limit: 3,
      remaining: 2,
      resetMs: 1000,
      retryAfterMs: 0,
    });
    const full = decide({ previous: 0, current: 3 }, 250, 1000, 3);
    assert.equal(full.allowed, false);
    assert.equal(full.remaining, 0);
    assert.equal(full.retryAfterMs, 750, 'until the window ends');
  });

  it('weighs the previous window by its overlap, and says when enough of it has slid out', () => {
    // 10 last window, a quarter into this one: 7.5 still count, so 2 more fit under 10.
    assert.equal(decide({ previous: 10, current: 0 }, 250, 1000, 10).allowed, true);
    const refused = decide({ previous: 10, current: 2 }, 250, 1000, 10);
    assert.equal(refused.allowed, false);
    // 10 × (1 − (250 + t)/1000) + 2 + 1 ≤ 10 ⇒ t ≥ 50
    assert.equal(refused.retryAfterMs, 50);
    assert.equal(decide({ previous: 10, current: 2 }, 300, 1000, 10).allowed, true);
  });

  it('in memory: counts only admitted requests and rolls windows over', () => {
    const windows = new MemoryWindows();
    const at = (ms: number) => windows.take('p', 2, 1000, ms);
    assert.equal(at(0).allowed, true);
    assert.equal(at(10).allowed, true);
    assert.equal(at(20).allowed, false);
    assert.equal(at(30).allowed, false);
    // Next window, half-way: the previous 2 admitted count as 1.
    assert.equal(at(1500).allowed, true);
    assert.equal(at(1510).allowed, false);
    // Two windows later nothing of them is left.
    assert.equal(at(3000).allowed, true);
    assert.equal(at(3001).allowed, true);
    assert.equal(windows.take('other', 2, 1000, 3002).allowed, true, 'keys are separate');
  });
});
