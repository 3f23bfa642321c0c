import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidJobId } from './job-id';

describe('assertValidJobId', () => {
  for (const id of ['abc', 'demo:3f2a:thumb', 'a-b_c', '12abc']) {
    it(`accepts ${JSON.stringify(id)}`, () => assert.doesNotThrow(() => assertValidJobId(id)));
  }
  for (const id of ['', '42', 'a:b', 'a:b:c:d', 'a::c', ':b:c']) {
    it(`rejects ${JSON.stringify(id)}`, () => assert.throws(() => assertValidJobId(id)));
  }
});
