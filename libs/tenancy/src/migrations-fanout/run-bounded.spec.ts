import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runBounded } from './run-bounded';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runBounded', () => {
  it('starts items in order and never runs more than the limit at once', async () => {
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const count = await runBounded([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3, async (item) => {
      started.push(item);
      peak = Math.max(peak, ++running);
      for (let i = 0; i < 1 + (item % 3); i++) await tick();
      running--;
    });
    assert.equal(count, 10);
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(peak, 3);
  });

  it('stops starting items once asked, and lets those in flight finish', async () => {
    const finished: number[] = [];
    let stop = false;
    const count = await runBounded(
      [0, 1, 2, 3, 4, 5, 6, 7],
      2,
      async (item) => {
        await tick();
        if (item === 2) stop = true;
        finished.push(item);
      },
      () => stop,
    );
    assert.equal(count, 4, 'items 0-3 started; 3 was in flight when 2 asked to stop');
    assert.deepEqual([...finished].sort(), [0, 1, 2, 3]);
  });

  it('rethrows the first error after the calls in flight settle, starting nothing more', async () => {
    const finished: number[] = [];
    await assert.rejects(
      runBounded([0, 1, 2, 3, 4, 5], 2, async (item) => {
        await tick();
        if (item === 1) throw new Error('listener broke');
        await tick();
        finished.push(item);
      }),
      /listener broke/,
    );
    assert.deepEqual(finished, [0], 'item 0 was in flight and finished; 1 failed before any lane was free');
  });

  it('handles an empty list and a limit above the item count', async () => {
    assert.equal(await runBounded([], 4, async () => undefined), 0);
    assert.equal(await runBounded([1], 4, async () => undefined), 1);
  });

  it('rejects a limit that is not a positive integer', async () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      await assert.rejects(
        runBounded([1], bad, async () => undefined),
        RangeError,
      );
    }
  });
});
