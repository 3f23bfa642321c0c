import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatementNames } from './statement-names';

describe('StatementNames', () => {
  it('gives a text the same name every time, and every instance the same name for it', () => {
    const names = new StatementNames();
    const name = names.nameOf('SELECT 1');
    assert.match(name ?? '', /^atrium_[A-Za-z0-9_-]{24}$/);
    assert.equal(names.nameOf('SELECT 1'), name);
    assert.equal(new StatementNames().nameOf('SELECT 1'), name);
  });

  it('gives different texts different names', () => {
    const names = new StatementNames();
    assert.notEqual(names.nameOf('SELECT 1'), names.nameOf('SELECT 2'));
  });

  it('leaves texts unnamed beyond the cap, and keeps naming the ones it named', () => {
    const names = new StatementNames(2);
    const first = names.nameOf('SELECT 1');
    const second = names.nameOf('SELECT 2');
    assert.equal(names.nameOf('SELECT 3'), undefined);
    assert.equal(names.nameOf('SELECT 1'), first);
    assert.equal(names.nameOf('SELECT 2'), second);
    assert.equal(names.nameOf('SELECT 3'), undefined);
  });
});
