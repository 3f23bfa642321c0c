import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldOf } from '../testing/field.fixture';
import { coerceField } from './coerce-field';

describe('coerceField: strings and their column length', () => {
  const code = fieldOf('code', 'string', { max_length: 3 });

  it('keeps a string that fits', () => assert.equal(coerceField(code, 'abc'), 'abc'));

  it('refuses a longer one with VALUE_TOO_LONG naming collection, field and value (Directus)', () => {
    assert.throws(() => coerceField(code, 'abcd'), {
      code: 'VALUE_TOO_LONG',
      status: 400,
      message: 'Value "abcd" for field "code" in collection "things" is too long.',
      extensions: { collection: 'things', field: 'code', value: 'abcd' },
    });
  });

  it('measures a CSV array as the text its column stores', () => {
    const tags = fieldOf('tags', 'csv', { max_length: 3 }, { special: ['cast-csv'] });
    assert.equal(coerceField(tags, ['a', 'b']), 'a,b');
    assert.throws(() => coerceField(tags, ['a', 'bc']), { code: 'VALUE_TOO_LONG' });
  });

  it('never echoes a concealed value, and leaves hashed ones to their hash', () => {
    const secret = fieldOf('secret', 'string', { max_length: 3 }, { special: ['conceal'] });
    assert.throws(() => coerceField(secret, 'abcd'), {
      extensions: { collection: 'things', field: 'secret', value: null },
    });
    const password = fieldOf('password', 'hash', { max_length: 3 }, { special: ['hash', 'conceal'] });
    assert.equal(coerceField(password, 'a long password'), 'a long password');
  });
});
