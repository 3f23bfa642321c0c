import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScimFilter } from './scim-filter';

describe('parseScimFilter', () => {
  it('reads comparisons joined by and', () => {
    assert.deepEqual(parseScimFilter('userName eq "ann@x.io" and active eq true'), [
      { attribute: 'userName', operator: 'eq', value: 'ann@x.io' },
      { attribute: 'active', operator: 'eq', value: true },
    ]);
    assert.deepEqual(parseScimFilter('name.familyName SW "O\\"Br"'), [
      { attribute: 'name.familyName', operator: 'sw', value: 'O"Br' },
    ]);
    assert.deepEqual(parseScimFilter('emails.value co "@x.io"'), [
      { attribute: 'emails.value', operator: 'co', value: '@x.io' },
    ]);
  });

  it('refuses what it does not answer, as invalidFilter', () => {
    for (const bad of [
      '',
      'userName',
      'userName ne "a"',
      'userName eq',
      'a eq "b" or c eq "d"',
      'a eq "b" and',
      'a eq b',
      'userName pr',
    ]) {
      assert.throws(() => parseScimFilter(bad), { status: 400, scimType: 'invalidFilter' }, bad);
    }
  });
});
