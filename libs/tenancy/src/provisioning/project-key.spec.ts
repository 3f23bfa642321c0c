import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { couldBeProjectKey, projectKeyProblem } from './project-key';

describe('projectKeyProblem', () => {
  const bad: Array<[unknown, RegExp]> = [
    ['Bad Key!', /lowercase/],
    ['server', /reserved/],
    ['auth', /reserved/],
    ['../x', /lowercase/],
    ['%2e%2e', /lowercase/],
    ['a'.repeat(80), /2-40/],
    ['a'.repeat(41), /2-40/],
    ['a', /2-40/],
    ['1abc', /starting with a letter/],
    ['_abc', /starting with a letter/],
    ['ABC', /lowercase/],
    ['аbc', /lowercase/], // Cyrillic "а": a look-alike
    ['', /required/],
    [undefined, /required/],
    [42, /required/],
  ];
  for (const [key, reason] of bad) {
    it(`rejects ${JSON.stringify(key)}`, () => {
      assert.match(projectKeyProblem(key) ?? '', reason);
      if (typeof key === 'string') assert.equal(couldBeProjectKey(key), false);
    });
  }

  for (const key of ['acme', 'a1', 'my-site', 'shop_eu', 'a'.repeat(40)]) {
    it(`accepts ${key}`, () => {
      assert.equal(projectKeyProblem(key), null);
      assert.equal(couldBeProjectKey(key), true);
    });
  }
});
