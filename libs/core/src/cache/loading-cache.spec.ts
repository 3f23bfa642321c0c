import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoadingCache } from './loading-cache';

/** A load the test settles by hand, counting its calls. */
function controlledLoad() {
  const pending: Array<{ key: string; resolve: (value: { v: string }) => void; reject: (e: Error) => void }> =
    [];
  let calls = 0;
  const load = (key: string) =>
    new Promise<{ v: string }>((resolve, reject) => {
      calls++;
      pending.push({ key, resolve, reject });
    });
  return { load, pending, calls: () => calls };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('LoadingCache', () => {
  it('loads a key once for callers arriving together, then answers from the cache', async () => {
    const control = controlledLoad();
    const cache = new LoadingCache<string, { v: string }>({ max: 10, load: control.load });
    const both = Promise.all([cache.get('a', undefined), cache.get('a', undefined)]);
    await tick();
    control.pending[0].resolve({ v: 'A' });
    assert.deepEqual(await both, [{ v: 'A' }, { v: 'A' }]);
    assert.deepEqual(await cache.get('a', undefined), { v: 'A' });
    assert.equal(control.calls(), 1);
  });

  it('forgets a failed load, so the next get tries again', async () => {
    const control = controlledLoad();
    const cache = new LoadingCache<string, { v: string }>({ max: 10, load: control.load });
    const failed = cache.get('a', undefined);
    await tick();
    control.pending[0].reject(new Error('database down'));
    await assert.rejects(failed, /database down/);
    const retried = cache.get('a', undefined);
    await tick();
    control.pending[1].resolve({ v: 'A' });
    assert.deepEqual(await retried, { v: 'A' });
    assert.equal(control.calls(), 2);
  });

  it('hands a value deleted while loading to its waiting callers but does not store it', async () => {
    const control = controlledLoad();
    const cache = new LoadingCache<string, { v: string }>({ max: 10, load: control.load });
    const waiting = cache.get('a', undefined);
    await tick();
    cache.delete('a');
    control.pending[0].resolve({ v: 'old' });
    assert.deepEqual(await waiting, { v: 'old' });
    const fresh = cache.get('a', undefined);
    await tick();
    assert.equal(control.calls(), 2, 'the invalidated value was not kept');
    control.pending[1].resolve({ v: 'new' });
    assert.deepEqual(await fresh, { v: 'new' });
  });

  it('drops the least recently used entry beyond max', async () => {
    let calls = 0;
    const cache = new LoadingCache<string, { v: string }>({
      max: 2,
      load: async (key) => ({ v: `${key}${++calls}` }),
    });
    await cache.get('a', undefined);
    await cache.get('b', undefined);
    await cache.get('a', undefined);
    await cache.get('c', undefined);
    assert.equal(cache.size, 2);
    assert.deepEqual(await cache.get('a', undefined), { v: 'a1' }, 'a was used recently and stays');
    assert.deepEqual(await cache.get('b', undefined), { v: 'b4' }, 'b was the LRU and was reloaded');
  });

  it('passes the caller context to the load and caches nothing with ttlMs 0', async () => {
    const seen: number[] = [];
    const cache = new LoadingCache<string, { v: number }, number>({
      max: 10,
      ttlMs: 0,
      load: async (_key, context) => {
        seen.push(context);
        return { v: context };
      },
    });
    assert.deepEqual(await cache.get('a', 1), { v: 1 });
    assert.deepEqual(await cache.get('a', 2), { v: 2 });
    assert.deepEqual(seen, [1, 2]);
    assert.equal(cache.size, 0);
  });

  it('expires a value after ttlMs', async () => {
    let calls = 0;
    const cache = new LoadingCache<string, { v: number }>({
      max: 10,
      ttlMs: 20,
      load: async () => ({ v: ++calls }),
    });
    assert.deepEqual(await cache.get('a', undefined), { v: 1 });
    assert.deepEqual(await cache.get('a', undefined), { v: 1 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.deepEqual(await cache.get('a', undefined), { v: 2 });
  });
});
