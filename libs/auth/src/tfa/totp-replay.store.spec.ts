import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TotpReplayStore } from './totp-replay.store';

function project(key: string, createdAt = 1_700_000_000_000) {
  return { key, dbServer: 'main', dbName: `atrium_${key}`, createdAt: new Date(createdAt) };
}

describe('TotpReplayStore without Redis', () => {
  it('spends a step once, and refuses older steps after a newer one', async () => {
    const store = new TotpReplayStore(null);
    assert.equal(await store.claim(project('acme'), 'u1', 100), true);
    assert.equal(await store.claim(project('acme'), 'u1', 100), false);
    assert.equal(await store.claim(project('acme'), 'u1', 99), false);
    assert.equal(await store.claim(project('acme'), 'u1', 101), true);
  });

  it('keeps users and projects apart', async () => {
    const store = new TotpReplayStore(null);
    assert.equal(await store.claim(project('acme'), 'u1', 100), true);
    assert.equal(await store.claim(project('acme'), 'u2', 100), true);
    assert.equal(await store.claim(project('other'), 'u1', 100), true);
  });

  it('gives a project re-created under the same key none of the old one’s spent steps', async () => {
    const store = new TotpReplayStore(null);
    assert.equal(await store.claim(project('acme'), 'u1', 100), true);
    assert.equal(await store.claim(project('acme', 1_700_000_500_000), 'u1', 100), true);
  });
});
