import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldMetaToWrite } from './fields.service';
import { specialsForType } from './field-specials';

describe('specialsForType', () => {
  const cases: Array<[string, Parameters<typeof specialsForType>, string[] | null]> = [
    ['csv gets cast-csv', ['csv', undefined], ['cast-csv']],
    ['hash gets hash, keeps others', ['hash', ['conceal']], ['conceal', 'hash']],
    ['a type change drops the old type flag', ['text', ['cast-csv']], []],
    ['alias without an alias flag', ['alias', null], ['alias', 'no-data']],
    ['alias keeps m2m', ['alias', ['m2m']], ['m2m']],
    ['string with nothing asked', ['string', undefined], null],
    ['comma-separated input', ['csv', 'm2o, cast-csv'], ['m2o', 'cast-csv']],
  ];
  for (const [name, args, expected] of cases) {
    it(name, () => assert.deepEqual(specialsForType(...args), expected));
  }
});

describe('fieldMetaToWrite', () => {
  it('writes nothing for a plain field without meta', () => {
    assert.equal(fieldMetaToWrite('string', undefined, null, false), null);
  });
  it('adds the type flag to the meta sent', () => {
    assert.deepEqual(fieldMetaToWrite('csv', { note: 'x' }, null, false), {
      note: 'x',
      special: ['cast-csv'],
    });
  });
});
