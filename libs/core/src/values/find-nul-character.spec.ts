import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtriumException } from '../errors/atrium.exception';
import { assertNoNulCharacter, findNulCharacter } from './find-nul-character';

describe('findNulCharacter', () => {
  const cases: Array<[string, unknown, string | null]> = [
    ['a clean object', { title: 'a', n: 1, tags: ['x'], nested: { ok: true, none: null } }, null],
    ['a top-level field', { title: 'a\u0000b' }, 'title'],
    ['a nested field', { author: { name: '\u0000' } }, 'author.name'],
    ['an array element', { tags: ['ok', 'b\u0000'] }, 'tags[1]'],
    ['an item of a batch', [{ title: 'ok' }, { title: '\u0000' }], 'title'],
    ['a nested item of a batch', [{ children: [{ name: '\u0000' }] }], 'children[0].name'],
    ['an object key', { 'ti\u0000tle': 'x' }, 'ti\\0tle'],
    ['a bare string', 'a\u0000', '(value)'],
    ['numbers and booleans', [1, true, false, 0], null],
  ];
  for (const [name, value, expected] of cases) {
    it(name, () => assert.equal(findNulCharacter(value), expected));
  }

  it('assertNoNulCharacter answers INVALID_PAYLOAD naming the field', () => {
    assert.throws(
      () => assertNoNulCharacter({ email: 'a\u0000@b.c' }),
      (error: unknown) =>
        error instanceof AtriumException &&
        error.code === 'INVALID_PAYLOAD' &&
        error.extensions.field === 'email' &&
        error.message.includes('"email"'),
    );
    assert.doesNotThrow(() => assertNoNulCharacter({ email: 'a@b.c' }));
  });
});
