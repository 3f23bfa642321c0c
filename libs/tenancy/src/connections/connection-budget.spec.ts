import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtriumException } from '@atrium/core';
import { ConnectionBudget } from './connection-budget';

function budget(max: number, idle: number, waitMs = 1_000) {
  const reclaimed: number[] = [];
  let spare = idle;
  const b: ConnectionBudget = new ConnectionBudget({
    max,
    waitMs,
    // Closing an idle connection gives its slot back a moment later, as a real one does.
    reclaimIdle: () => {
      if (spare === 0) return false;
      spare--;
      reclaimed.push(b.inUse);
      setImmediate(() => b.release());
      return true;
    },
  });
  return { b, reclaimed, goesIdle: () => spare++ };
}

describe('ConnectionBudget', () => {
  it('grants slots up to its max at once, without closing anything', async () => {
    const { b, reclaimed } = budget(3, 3);
    await Promise.all([b.acquire(), b.acquire(), b.acquire()]);
    assert.equal(b.inUse, 3);
    assert.deepEqual(reclaimed, []);
  });

  it('closes one idle connection per waiter, and hands the freed slot to that waiter', async () => {
    const { b, reclaimed } = budget(2, 5);
    await b.acquire();
    await b.acquire();
    await Promise.all([b.acquire(), b.acquire()]);
    assert.equal(reclaimed.length, 2, 'two waiters, two connections closed, never more');
    assert.equal(b.inUse, 2);
    assert.equal(b.openedTotal, 4);
  });

  it('closes nothing more for a waiter while connections of an ending pool are on their way back', async () => {
    const { b, reclaimed } = budget(2, 5);
    await b.acquire();
    await b.acquire();
    b.closing(1);
    const waiting = b.acquire();
    assert.deepEqual(reclaimed, []);
    b.release();
    await waiting;
    assert.equal(b.inUse, 2);
  });

  it('waits for a released slot when nothing is idle, first come first served', async () => {
    const { b } = budget(1, 0);
    await b.acquire();
    const order: string[] = [];
    const first = b.acquire().then(() => order.push('first'));
    const second = b.acquire().then(() => order.push('second'));
    b.release();
    await first;
    b.release();
    await second;
    assert.deepEqual(order, ['first', 'second']);
  });

  it('closes an idle connection that appears while someone waits', async () => {
    const { b, reclaimed, goesIdle } = budget(1, 0);
    await b.acquire();
    const waiting = b.acquire();
    assert.equal(b.waiting, 1);
    // Nothing was idle when it arrived; now a connection went idle somewhere.
    goesIdle();
    b.idleAppeared();
    await waiting;
    assert.equal(reclaimed.length, 1);
    assert.equal(b.inUse, 1);
  });

  it('answers 503 SERVICE_UNAVAILABLE when no slot comes free in time', async () => {
    const { b } = budget(1, 0, 20);
    await b.acquire();
    await assert.rejects(b.acquire(), (error: unknown) => {
      assert.ok(error instanceof AtriumException);
      assert.equal(error.code, 'SERVICE_UNAVAILABLE');
      return true;
    });
    assert.equal(b.waiting, 0);
  });
});
