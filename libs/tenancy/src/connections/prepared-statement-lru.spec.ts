import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PreparedStatementLru } from './prepared-statement-lru';

describe('PreparedStatementLru', () => {
  it('keeps names up to its cap without dropping any', () => {
    const lru = new PreparedStatementLru(3);
    assert.deepEqual(
      ['a', 'b', 'c'].map((name) => lru.use(name)),
      [[], [], []],
    );
    assert.equal(lru.size, 3);
  });

  it('drops the least recently run name beyond the cap', () => {
    const lru = new PreparedStatementLru(3);
    for (const name of ['a', 'b', 'c']) lru.use(name);
    assert.deepEqual(lru.use('a'), [], 'a run again is the most recent');
    assert.deepEqual(lru.use('d'), ['b']);
    assert.deepEqual(lru.use('e'), ['c']);
    assert.deepEqual(lru.use('f'), ['a']);
    assert.equal(lru.size, 3);
    assert.deepEqual(
      ['d', 'e', 'f'].map((name) => lru.has(name)),
      [true, true, true],
    );
  });

  it('keeps a name run all the time through a stream of one-off names', () => {
    const lru = new PreparedStatementLru(2);
    for (let i = 0; i < 1_000; i++) {
      assert.ok(!lru.use(`one-off-${i}`).includes('hot'));
      lru.use('hot');
    }
    assert.ok(lru.has('hot'));
    assert.equal(lru.size, 2);
  });

  it('takes back a name whose drop failed as the next to drop', () => {
    const lru = new PreparedStatementLru(2);
    lru.use('a');
    lru.use('b');
    assert.deepEqual(lru.use('c'), ['a']);
    lru.restore('a');
    assert.equal(lru.size, 3, 'a is still prepared on the server, so it is counted');
    assert.deepEqual(lru.use('d'), ['a', 'b'], 'back within the cap at the next run');
    assert.equal(lru.size, 2);
  });
});
