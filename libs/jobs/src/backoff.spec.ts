import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exponentialBackoffMs } from './backoff';

describe('exponentialBackoffMs', () => {
  const cases: Array<[number, number, number]> = [
    [1000, 1, 1000],
    [1000, 2, 2000],
    [1000, 3, 4000],
    [250, 4, 2000],
  ];
  for (const [base, attempt, expected] of cases) {
    it(`waits ${expected} ms after attempt ${attempt} with base ${base}`, () => {
      assert.equal(exponentialBackoffMs(base, attempt), expected);
    });
  }
});
