import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TotpReplayStore } from './totp-replay.store';

describe('TotpReplayStore without Redis', () => {
  it('spends a step once, and refuses older steps after a newer one', async () => {
    const store = new TotpReplayStore(null);
    assert.equal(await store.claim('acme', 'u1', 100), true);
    assert.equal(await store.claim('acme', 'u1', 100), false);
    assert.equal(await store.claim('acme', 'u1', 99), false);
    assert.equal(await store.claim('acme', 'u1', 101), true);
  });

  it('keeps users and projects apart', async () => {
    const store = new TotpReplayStore(null);
    assert.equal(await store.claim('acme', 'u1', 100), true);
    assert.equal(await store.claim('acme', 'u2', 100), true);
    assert.equal(await store.claim('other', 'u1', 100), true);
  });
});
