import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pgVersionProblem } from './pg-version';

describe('pgVersionProblem', () => {
  test('accepts the same major (with or without newline)', () => {
    assert.equal(pgVersionProblem('18\n', 18, '/d'), undefined);
    assert.equal(pgVersionProblem('18', 18, '/d'), undefined);
  });

  test('an older cluster points at pg_upgrade', () => {
    const problem = pgVersionProblem('16\n', 18, '/d');
    assert.match(problem!, /created by PostgreSQL 16, but the embedded server is PostgreSQL 18/);
    assert.match(problem!, /pg_upgrade/);
  });

  test('a newer cluster says so', () => {
    assert.match(pgVersionProblem('19\n', 18, '/d')!, /PostgreSQL 19.*newer Atrium/);
  });

  test('pre-10 style versions are named in full', () => {
    assert.match(pgVersionProblem('9.6\n', 18, '/d')!, /PostgreSQL 9\.6,/);
  });

  test('garbage is reported as damage', () => {
    assert.match(pgVersionProblem('\u0000\u0001', 18, '/d')!, /damaged/);
    assert.match(pgVersionProblem('', 18, '/d')!, /damaged/);
  });

  test('messages are one line', () => {
    for (const content of ['16', 'x', '19']) assert.doesNotMatch(pgVersionProblem(content, 18, '/d')!, /\n/);
  });
});
