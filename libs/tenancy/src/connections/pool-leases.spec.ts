import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtriumException } from '@atrium/core';
import { PoolLeases } from './pool-leases';

function project(key: string, createdAt = 1_700_000_000_000) {
  return { key, dbServer: 'main', dbName: `atrium_${key}`, createdAt: new Date(createdAt) };
}

interface FakePool {
  name: string;
  ended: boolean;
}

function table(capacity: number, waitMs = 1_000) {
  const closed: string[] = [];
  const opened: string[] = [];
  const leases = new PoolLeases<FakePool>({
    capacity,
    waitMs,
    open: async (p) => {
      opened.push(p.key);
      return { name: p.key, ended: false };
    },
    close: async (pool, key, reason) => {
      pool.ended = true;
      closed.push(`${key}:${reason}`);
    },
  });
  return { leases, closed, opened };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PoolLeases', () => {
  it('shares one pool per project and closes nothing while it is leased', async () => {
    const { leases, opened } = table(2);
    const [a1, a2] = await Promise.all([leases.acquire(project('a')), leases.acquire(project('a'))]);
    assert.equal(a1.pool, a2.pool);
    assert.deepEqual(opened, ['a']);
    leases.retireIdle(-1);
    assert.equal(a1.pool.ended, false, 'a leased pool is never idle');
  });

  it('evicts an idle pool for a new project, never a leased one: the newcomer waits instead', async () => {
    const { leases, closed } = table(1);
    const a = await leases.acquire(project('a'));
    let bGranted = false;
    const b = leases.acquire(project('b')).then((lease) => {
      bGranted = true;
      return lease;
    });
    await tick();
    assert.equal(bGranted, false, 'b waits while a is in use');
    assert.equal(a.pool.ended, false);
    a.release();
    const bLease = await b;
    assert.equal(bLease.pool.name, 'b');
    assert.equal(a.pool.ended, true);
    assert.deepEqual(closed, ['a:capacity']);
  });

  it('a busy project gives its place to a waiting one: new leases on it wait too', async () => {
    const { leases } = table(1);
    const a1 = await leases.acquire(project('a'));
    const b = leases.acquire(project('b'));
    await tick();
    let aAgainGranted = false;
    const aAgain = leases.acquire(project('a')).then((lease) => {
      aAgainGranted = true;
      return lease;
    });
    await tick();
    assert.equal(aAgainGranted, false, 'a is draining for b');
    a1.release();
    const bLease = await b;
    assert.equal(bLease.pool.name, 'b');
    bLease.release();
    const again = await aAgain;
    assert.equal(again.pool.name, 'a');
    assert.equal(again.pool.ended, false);
  });

  it('answers 503 SERVICE_UNAVAILABLE when no room comes free in time, and keeps working', async () => {
    const { leases } = table(1, 50);
    const a = await leases.acquire(project('a'));
    await assert.rejects(
      leases.acquire(project('b')),
      (error: unknown) => error instanceof AtriumException && error.code === 'SERVICE_UNAVAILABLE',
    );
    const more = await leases.acquire(project('a'));
    assert.equal(more.pool, a.pool, 'no waiter left: a is no longer draining');
  });

  it('closes a retired pool only when its last lease comes back', async () => {
    const { leases, closed } = table(2);
    const a = await leases.acquire(project('a'));
    leases.retire('a', 'project closed');
    assert.equal(a.pool.ended, false);
    const fresh = await leases.acquire(project('a'));
    assert.notEqual(fresh.pool, a.pool, 'a closed project is reopened on a new pool');
    a.release();
    a.release();
    await tick();
    assert.deepEqual(closed, ['a:released']);
    assert.equal(fresh.pool.ended, false);
  });

  it('a project re-created under its key gets a new pool; the old one ends when released', async () => {
    const { leases } = table(2);
    const old = await leases.acquire(project('a'));
    const recreated = await leases.acquire(project('a', 1_800_000_000_000));
    assert.notEqual(recreated.pool, old.pool);
    old.release();
    await tick();
    assert.equal(old.pool.ended, true);
    assert.equal(recreated.pool.ended, false);
  });

  it('forgets a pool that failed to open', async () => {
    let attempts = 0;
    const leases = new PoolLeases<FakePool>({
      capacity: 1,
      waitMs: 100,
      open: async (p) => {
        if (++attempts === 1) throw new Error('connection refused');
        return { name: p.key, ended: false };
      },
      close: async () => undefined,
    });
    await assert.rejects(leases.acquire(project('a')), /connection refused/);
    assert.equal(leases.size, 0);
    assert.equal((await leases.acquire(project('b'))).pool.name, 'b', 'its place is free');
  });
});
