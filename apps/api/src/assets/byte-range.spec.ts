import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestedRange } from './byte-range';

describe('requestedRange', () => {
  const satisfiable: Array<[string, { start: number; end: number }]> = [
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=2-5', { start: 2, end: 5 }],
    ['bytes=5-', { start: 5, end: 99 }],
    ['bytes=90-200', { start: 90, end: 99 }],
    ['bytes=-10', { start: 90, end: 99 }],
    ['bytes=-500', { start: 0, end: 99 }],
    ['bytes= 3 - 4', { start: 3, end: 4 }],
  ];
  for (const [header, range] of satisfiable) {
    it(`${header} of 100 bytes → ${range.start}-${range.end}`, () => {
      assert.deepEqual(requestedRange(header, 100), range);
    });
  }

  it('no header, or another unit, means the whole object', () => {
    assert.equal(requestedRange(undefined, 100), null);
    assert.equal(requestedRange('items=0-5', 100), null);
  });

  for (const header of [
    'bytes=100-',
    'bytes=200-300',
    'bytes=5-2',
    'bytes=-0',
    'bytes=-',
    'bytes=a-b',
    'bytes=0-1,5-6',
  ]) {
    it(`${header} of 100 bytes → 416 RANGE_NOT_SATISFIABLE`, () => {
      assert.throws(() => requestedRange(header, 100), { code: 'RANGE_NOT_SATISFIABLE' });
    });
  }

  it('nothing of an empty object can be asked for', () => {
    assert.throws(() => requestedRange('bytes=0-', 0), { code: 'RANGE_NOT_SATISFIABLE' });
    assert.throws(() => requestedRange('bytes=-1', 0), { code: 'RANGE_NOT_SATISFIABLE' });
  });
});
