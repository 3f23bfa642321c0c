import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageBatches, type BatchRequest, type PageWindow } from './batch-pager';

/**
 * A fake table of rows keyed 1..total (in key order) that records every request and answers it as the
 * database would: skip `offset` of the rows after `after`, then take `limit`.
 */
function table(total: number) {
  const requests: BatchRequest[] = [];
  const fetch = async (request: BatchRequest) => {
    requests.push(request);
    const first = (request.after === null ? 1 : Number(request.after) + 1) + request.offset;
    const keys: number[] = [];
    for (let key = first; key <= total && keys.length < request.limit; key++) keys.push(key);
    return { count: keys.length, keys, lastKey: keys.length ? String(keys.at(-1)) : null };
  };
  return { requests, fetch };
}

const window = (partial: Partial<PageWindow>): PageWindow => ({
  offset: 0,
  limit: -1,
  batchSize: 1000,
  keyset: false,
  ...partial,
});

async function keysOf(batches: AsyncGenerator<{ keys: number[] }>): Promise<number[]> {
  const keys: number[] = [];
  for await (const batch of batches) keys.push(...batch.keys);
  return keys;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('pageBatches', () => {
  it('asks for bounded batches, one at a time, never the whole table at once', async () => {
    const { requests, fetch } = table(2500);
    const batches = pageBatches(window({}), fetch);
    assert.equal((await batches.next()).value?.count, 1000);
    assert.equal(requests.length, 1, 'the next batch waits until this one is consumed');
    const rest = [];
    for await (const batch of batches) rest.push(batch.count);
    assert.deepEqual(rest, [1000, 500]);
    assert.deepEqual(requests, [
      { offset: 0, limit: 1000, after: null },
      { offset: 1000, limit: 1000, after: null },
      { offset: 2000, limit: 1000, after: null },
    ]);
  });

  it('limit/offset paging respects the limit and the starting offset', async () => {
    const { requests, fetch } = table(5000);
    assert.deepEqual(await keysOf(pageBatches(window({ offset: 10, limit: 2300 }), fetch)), range(11, 2310));
    assert.deepEqual(requests, [
      { offset: 10, limit: 1000, after: null },
      { offset: 1010, limit: 1000, after: null },
      { offset: 2010, limit: 300, after: null },
    ]);
  });

  it('keyset paging: only the first batch skips; later ones start after the last key', async () => {
    const { requests, fetch } = table(3500);
    assert.deepEqual(await keysOf(pageBatches(window({ keyset: true }), fetch)), range(1, 3500));
    assert.deepEqual(requests, [
      { offset: 0, limit: 1000, after: null },
      { offset: 0, limit: 1000, after: '1000' },
      { offset: 0, limit: 1000, after: '2000' },
      { offset: 0, limit: 1000, after: '3000' },
    ]);
  });

  it('keyset paging respects the limit and the starting offset', async () => {
    const { requests, fetch } = table(5000);
    const keys = await keysOf(pageBatches(window({ keyset: true, offset: 10, limit: 2300 }), fetch));
    assert.deepEqual(keys, range(11, 2310));
    assert.deepEqual(requests, [
      { offset: 10, limit: 1000, after: null },
      { offset: 0, limit: 1000, after: '1010' },
      { offset: 0, limit: 300, after: '2010' },
    ]);
  });

  for (const keyset of [false, true]) {
    it(`an exact multiple ends with one empty probe, which yields nothing (keyset: ${keyset})`, async () => {
      const { requests, fetch } = table(2000);
      assert.deepEqual(await keysOf(pageBatches(window({ keyset }), fetch)), range(1, 2000));
      assert.equal(requests.length, 3);
    });

    it(`a limit of 0 asks for nothing (keyset: ${keyset})`, async () => {
      const { requests, fetch } = table(10);
      assert.deepEqual(await keysOf(pageBatches(window({ keyset, limit: 0 }), fetch)), []);
      assert.equal(requests.length, 0);
    });
  }
});
