import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatementNames } from './statement-names';

describe('StatementNames', () => {
  it('names a text from its second run, the same name every time and on every instance', () => {
    const names = new StatementNames();
    assert.equal(names.nameOf('SELECT 1'), undefined);
    const name = names.nameOf('SELECT 1');
    assert.match(name ?? '', /^atrium_[A-Za-z0-9_-]{24}$/);
    assert.equal(names.nameOf('SELECT 1'), name);
    const other = new StatementNames();
    other.nameOf('SELECT 1');
    assert.equal(other.nameOf('SELECT 1'), name);
  });

  it('gives different texts different names', () => {
    const names = new StatementNames();
    for (const text of ['SELECT 1', 'SELECT 2']) names.nameOf(text);
    assert.notEqual(names.nameOf('SELECT 1'), names.nameOf('SELECT 2'));
  });

  it('leaves one-off texts unnamed, so they never take a hot shape’s place', () => {
    const names = new StatementNames();
    names.nameOf('SELECT hot');
    const hot = names.nameOf('SELECT hot');
    for (let i = 0; i < 1_000; i++) assert.equal(names.nameOf(`SELECT ${i}`), undefined);
    assert.equal(names.nameOf('SELECT hot'), hot);
  });

  it('stays bounded whatever it is sent, and names a text pushed out at its next run', () => {
    const names = new StatementNames({ namedTexts: 3, seenOnce: 10 });
    for (let i = 0; i < 100; i++) {
      names.nameOf(`SELECT ${i}`);
      names.nameOf(`SELECT ${i}`);
    }
    assert.deepEqual(names.size, { named: 3, seenOnce: 10 });
    // `SELECT 90` was named, then pushed out of the named texts: it is named again on its next run.
    assert.match(names.nameOf('SELECT 96') ?? '', /^atrium_/);
  });
});
