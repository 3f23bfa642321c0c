import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryCounterStore } from './counter-store';

describe('MemoryCounterStore', () => {
  it('counts within a window and starts over after it', async () => {
    const store = new MemoryCounterStore();
    assert.equal((await store.hit('k', 50)).count, 1);
    assert.equal((await store.hit('k', 50)).count, 2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal((await store.hit('k', 50)).count, 1);
  });

  it('resets a key', async () => {
    const store = new MemoryCounterStore();
    await store.hit('k', 1000);
    await store.reset('k');
    assert.equal((await store.hit('k', 1000)).count, 1);
  });

  it('stays bounded, dropping the oldest windows', async () => {
    const store = new MemoryCounterStore(3);
    for (const key of ['a', 'b', 'c', 'd']) await store.hit(key, 10_000);
    assert.equal((await store.hit('a', 10_000)).count, 1, 'a was dropped when d arrived');
    assert.equal((await store.hit('d', 10_000)).count, 2);
  });
});
