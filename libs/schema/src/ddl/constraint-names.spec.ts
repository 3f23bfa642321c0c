import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constraintName, foreignKeyName } from './constraint-names';

describe('constraintName', () => {
  it('is <table>_<column>_<suffix> when it fits', () => {
    assert.equal(foreignKeyName('articles', 'author'), 'articles_author_foreign');
    assert.equal(constraintName('articles', 'slug', 'unique'), 'articles_slug_unique');
    assert.equal(constraintName('articles', 'slug', 'index'), 'articles_slug_index');
  });

  it('keeps a 63-byte name whole', () => {
    const table = 't'.repeat(63 - '_c_foreign'.length);
    assert.equal(foreignKeyName(table, 'c'), `${table}_c_foreign`);
    assert.equal(Buffer.byteLength(foreignKeyName(table, 'c')), 63);
  });

  for (const [table, column] of [
    ['a'.repeat(63), 'b'.repeat(63)],
    ['a'.repeat(40), 'b'.repeat(30)],
    ['é'.repeat(31), 'ü'.repeat(31)],
  ]) {
    it(`shortens ${table.length}+${column.length} characters to ≤ 63 bytes, deterministically and distinctly`, () => {
      for (const suffix of ['foreign', 'unique', 'index'] as const) {
        const name = constraintName(table, column, suffix);
        assert.ok(Buffer.byteLength(name, 'utf8') <= 63, name);
        assert.ok(name.endsWith(`_${suffix}`));
        assert.equal(name, constraintName(table, column, suffix));
        assert.ok(!name.includes('\ufffd'), 'no character is cut in half');
      }
      assert.notEqual(
        constraintName(table, column, 'foreign'),
        constraintName(table, `${column}x`, 'foreign'),
      );
    });
  }

  it('names that share a long prefix stay distinct', () => {
    const table = 'x'.repeat(50);
    assert.notEqual(foreignKeyName(table, 'author_one'), foreignKeyName(table, 'author_two'));
  });
});
