import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomString, randomStringLength } from './random-string';

describe('random strings', () => {
  it('uses the 64 URL-safe characters, all of them over many draws', () => {
    const seen = new Set(randomString(20_000));
    assert.equal(seen.size, 64);
    assert.match([...seen].join(''), /^[A-Za-z0-9_-]+$/);
  });

  it('takes lengths from 1 to 500, 32 by default', () => {
    assert.equal(randomStringLength(undefined), 32);
    assert.equal(randomStringLength(''), 32);
    assert.equal(randomStringLength('500'), 500);
    assert.equal(randomStringLength(1), 1);
    for (const bad of ['0', '501', '-3', '2.5', 'ten', [1]]) {
      assert.throws(() => randomStringLength(bad), { code: 'INVALID_QUERY' }, String(bad));
    }
  });
});
