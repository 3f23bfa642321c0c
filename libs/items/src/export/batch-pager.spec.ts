import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageBatches } from './batch-pager';

/** A fake table of `total` rows that records every batch asked of it. */
function table(total: number) {
  const calls: [number, number][] = [];
  const fetch = async (offset: number, limit: number) => {
    calls.push([offset, limit]);
    return { count: Math.max(0, Math.min(limit, total - offset)) };
  };
  return { calls, fetch };
}

describe('pageBatches', () => {
  it('asks for bounded batches, one at a time, never the whole table at once', async () => {
    const { calls, fetch } = table(2500);
    const batches = pageBatches({ offset: 0, limit: -1, batchSize: 1000 }, fetch);
    assert.deepEqual((await batches.next()).value, { count: 1000 });
    assert.deepEqual(calls, [[0, 1000]], 'the next batch waits until this one is consumed');
    const rest = [];
    for await (const batch of batches) rest.push(batch.count);
    assert.deepEqual(rest, [1000, 500]);
    assert.deepEqual(calls, [
      [0, 1000],
      [1000, 1000],
      [2000, 1000],
    ]);
  });

  it('respects the limit and the starting offset', async () => {
    const { calls, fetch } = table(5000);
    const counts = [];
    for await (const batch of pageBatches({ offset: 10, limit: 2300, batchSize: 1000 }, fetch))
      counts.push(batch.count);
    assert.deepEqual(counts, [1000, 1000, 300]);
    assert.deepEqual(calls, [
      [10, 1000],
      [1010, 1000],
      [2010, 300],
    ]);
  });

  it('an exact multiple ends with one empty probe, which yields nothing', async () => {
    const { calls, fetch } = table(2000);
    const counts = [];
    for await (const batch of pageBatches({ offset: 0, limit: -1, batchSize: 1000 }, fetch))
      counts.push(batch.count);
    assert.deepEqual(counts, [1000, 1000]);
    assert.equal(calls.length, 3);
  });
});
