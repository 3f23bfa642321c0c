import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtriumException } from '@atrium/core';
import {
  existingIdentifier,
  existingIdentifierProblem,
  newIdentifier,
  newIdentifierProblem,
  POSTGRES_RESERVED_KEYWORDS,
  POSTGRES_SYSTEM_COLUMNS,
} from './identifiers';

describe('newIdentifierProblem', () => {
  const accepted: [string, 'collection' | 'field'][] = [
    ['articles', 'collection'],
    ['_private', 'collection'],
    ['a', 'field'],
    ['blog_posts_2', 'collection'],
    ['x'.repeat(63), 'collection'],
    ['directus_like', 'field'], // only collections may not use the system prefix
    ['pg_thing', 'field'], // only table names are shadowed by pg_catalog
    ['left', 'field'], // "reserved (can be function or type)" words stay allowed
    ['binary', 'field'],
    ['oid', 'collection'], // system columns are only a field concern
    ['users', 'collection'],
  ];
  for (const [name, kind] of accepted) {
    it(`accepts ${kind} "${name.length > 20 ? `${name.slice(0, 10)}…(${name.length})` : name}"`, () => {
      assert.equal(newIdentifierProblem(name, kind), null);
      assert.equal(newIdentifier(name, kind), name);
    });
  }

  const refused: [unknown, 'collection' | 'field', RegExp][] = [
    ['', 'collection', /non-empty string/],
    [undefined, 'field', /non-empty string/],
    [42, 'field', /non-empty string/],
    [['a'], 'collection', /non-empty string/],
    ['a"b', 'collection', /lowercase letters/],
    ['a;b', 'collection', /lowercase letters/],
    ['pg_catalog.pg_authid', 'collection', /lowercase letters/],
    ['x) ; drop table y; --', 'field', /lowercase letters/],
    ['Articles', 'collection', /lowercase letters/],
    ['1st', 'field', /may not start with a digit/],
    ['with space', 'field', /lowercase letters/],
    ['tab\tname', 'field', /lowercase letters/],
    ['nul\u0000name', 'field', /lowercase letters/],
    ['dash-name', 'collection', /lowercase letters/],
    ['$dollar', 'field', /lowercase letters/],
    ['аrticles', 'collection', /lowercase letters/], // Cyrillic а
    ['artіcles', 'collection', /lowercase letters/], // Ukrainian і
    ['ｓelect', 'field', /lowercase letters/], // full-width s
    ['é', 'field', /lowercase letters/],
    ['x'.repeat(64), 'collection', /longer than 63/],
    ['é'.repeat(32), 'field', /longer than 63/], // 64 bytes
    ['directus_users', 'collection', /"directus_" prefix/],
    ['directus_', 'collection', /"directus_" prefix/],
    ['atrium_migrations', 'collection', /"atrium_" prefix/],
    ['atrium_x', 'field', /"atrium_" prefix/],
    ['pg_authid', 'collection', /"pg_" prefix/],
    ['select', 'collection', /reserved word/],
    ['table', 'collection', /reserved word/],
    ['user', 'collection', /reserved word/],
    ['order', 'field', /reserved word/],
    ['group', 'field', /reserved word/],
    ['from', 'field', /reserved word/],
    ['where', 'field', /reserved word/],
    ['current_user', 'field', /reserved word/],
    ['oid', 'field', /system column/],
    ['ctid', 'field', /system column/],
    ['tableoid', 'field', /system column/],
  ];
  for (const [name, kind, reason] of refused) {
    it(`refuses ${kind} ${JSON.stringify(name)?.slice(0, 40)}`, () => {
      const problem = newIdentifierProblem(name, kind);
      assert.match(problem ?? '', reason);
      assert.match(problem ?? '', /\.$/, 'reasons are sentences');
      assert.throws(
        () => newIdentifier(name, kind),
        (error: unknown) =>
          error instanceof AtriumException &&
          error.code === 'INVALID_PAYLOAD' &&
          error.status === 400 &&
          error.extensions.reason === problem,
      );
    });
  }

  it('refuses every reserved keyword and every system column as a field', () => {
    for (const word of POSTGRES_RESERVED_KEYWORDS)
      assert.match(newIdentifierProblem(word, 'field')!, /reserved/);
    for (const column of POSTGRES_SYSTEM_COLUMNS)
      assert.match(newIdentifierProblem(column, 'field')!, /system/);
  });

  it('never echoes control characters or unbounded input into the reason', () => {
    const problem = newIdentifierProblem(`A\u0001${'y'.repeat(500)}`, 'field')!;
    assert.ok(!problem.includes('\u0001'));
    assert.ok(problem.includes('\\u0001'));
    assert.ok(problem.length < 200);
  });
});

describe('existingIdentifierProblem', () => {
  for (const name of [
    'articles',
    'MixedCase',
    'a"b',
    'a;b',
    'directus_users',
    'ünïcode',
    'x'.repeat(63),
    'with space',
  ]) {
    it(`accepts catalog name ${JSON.stringify(name)}`, () => {
      assert.equal(existingIdentifierProblem(name), null);
      assert.equal(existingIdentifier(name), name);
    });
  }
  const refused: [unknown, RegExp][] = [
    ['', /non-empty/],
    [null, /non-empty/],
    [{}, /non-empty/],
    ['a\u0000b', /NUL/],
    ['x'.repeat(64), /longer than 63 bytes/],
    ['é'.repeat(32), /longer than 63 bytes/],
  ];
  for (const [name, reason] of refused) {
    it(`refuses ${JSON.stringify(name)?.slice(0, 30)}`, () => {
      assert.match(existingIdentifierProblem(name) ?? '', reason);
      assert.throws(() => existingIdentifier(name), { code: 'INVALID_PAYLOAD' });
    });
  }
});
