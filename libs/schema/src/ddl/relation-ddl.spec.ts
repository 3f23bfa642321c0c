import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addForeignKey,
  dropForeignKey,
  foreignKeyTypeProblem,
  referentialAction,
  REFERENTIAL_ACTIONS,
} from './relation-ddl';

const refusesWith = (fn: () => unknown, reason: RegExp) =>
  assert.throws(fn, (error: { code?: string; extensions?: { reason?: string } }) => {
    assert.equal(error.code, 'INVALID_PAYLOAD');
    assert.match(error.extensions?.reason ?? '', reason);
    return true;
  });

describe('addForeignKey', () => {
  it('creates an m2o key with Directus defaults', () => {
    assert.deepEqual(
      addForeignKey({ many_collection: 'articles', many_field: 'author', one_collection: 'directus_users' }),
      [
        'ALTER TABLE "articles" ADD CONSTRAINT "articles_author_foreign" FOREIGN KEY ("author") ' +
          'REFERENCES "directus_users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION',
      ],
    );
  });

  for (const action of REFERENTIAL_ACTIONS) {
    it(`accepts on_delete ${action}`, () => {
      const [sql] = addForeignKey({
        many_collection: 'a',
        many_field: 'b',
        one_collection: 'c',
        one_pk: 'code',
        on_delete: action,
      });
      assert.ok(sql.endsWith(`REFERENCES "c" ("code") ON DELETE ${action} ON UPDATE NO ACTION`), sql);
    });
  }

  it('normalises the spelling of actions', () => {
    assert.equal(referentialAction(' set   null '), 'SET NULL');
    assert.equal(referentialAction('cascade'), 'CASCADE');
    assert.equal(referentialAction('DROP'), null);
    assert.equal(referentialAction(1), null);
  });

  it('uses the given constraint name and on_update', () => {
    assert.deepEqual(
      addForeignKey({
        many_collection: 'junction',
        many_field: 'tags_id',
        one_collection: 'tags',
        on_delete: 'CASCADE',
        on_update: 'CASCADE',
        constraint_name: 'legacy "fk"',
      }),
      [
        'ALTER TABLE "junction" ADD CONSTRAINT "legacy ""fk""" FOREIGN KEY ("tags_id") REFERENCES "tags" ("id") ON DELETE CASCADE ON UPDATE CASCADE',
      ],
    );
  });

  it('keeps long constraint names within 63 bytes', () => {
    const [sql] = addForeignKey({
      many_collection: 'a'.repeat(63),
      many_field: 'b'.repeat(63),
      one_collection: 'c',
    });
    const name = /ADD CONSTRAINT "([^"]+)"/.exec(sql)![1];
    assert.ok(Buffer.byteLength(name) <= 63);
    assert.match(name, /_[0-9a-f]{8}_foreign$/);
  });

  const refusals: [string, () => unknown, RegExp][] = [
    [
      'an unknown on_delete',
      () =>
        addForeignKey({
          many_collection: 'a',
          many_field: 'b',
          one_collection: 'c',
          on_delete: 'CASCADE; DROP TABLE c',
        }),
      /on_delete must be one of/,
    ],
    [
      'an unknown on_update',
      () =>
        addForeignKey({ many_collection: 'a', many_field: 'b', one_collection: 'c', on_update: 'nothing' }),
      /on_update must be one of/,
    ],
    [
      'an impossible table',
      () => addForeignKey({ many_collection: 'x'.repeat(64), many_field: 'b', one_collection: 'c' }),
      /longer than 63/,
    ],
    [
      'an impossible column',
      () => addForeignKey({ many_collection: 'a', many_field: '', one_collection: 'c' }),
      /non-empty/,
    ],
    [
      'an impossible key',
      () => addForeignKey({ many_collection: 'a', many_field: 'b', one_collection: 'c', one_pk: 'a\u0000' }),
      /NUL/,
    ],
    [
      'an impossible constraint name',
      () =>
        addForeignKey({
          many_collection: 'a',
          many_field: 'b',
          one_collection: 'c',
          constraint_name: 'n'.repeat(64),
        }),
      /longer than 63/,
    ],
  ];
  for (const [label, fn, reason] of refusals) it(`refuses ${label}`, () => refusesWith(fn, reason));
});

describe('dropForeignKey', () => {
  it('drops by quoted names', () => {
    assert.deepEqual(dropForeignKey('articles', 'articles_author_foreign'), [
      'ALTER TABLE "articles" DROP CONSTRAINT "articles_author_foreign"',
    ]);
    assert.deepEqual(dropForeignKey('a"b', 'x;y'), ['ALTER TABLE "a""b" DROP CONSTRAINT "x;y"']);
  });

  it('refuses impossible names', () => refusesWith(() => dropForeignKey('a', ''), /non-empty/));
});

describe('foreignKeyTypeProblem', () => {
  for (const [many, one] of [
    ['integer', 'integer'],
    ['bigInteger', 'integer'],
    ['integer', 'bigInteger'],
    ['uuid', 'uuid'],
    ['string', 'string'],
    ['text', 'string'],
  ] as const) {
    it(`${many} → ${one} key is fine`, () => assert.equal(foreignKeyTypeProblem(many, one), null));
  }
  for (const [many, one, reason] of [
    ['string', 'uuid', /give the field the key's type \(uuid\)/],
    ['integer', 'uuid', /can't reference a uuid key/],
    ['uuid', 'integer', /can't reference/],
    ['integer', 'json', /can't be the target of a relation/],
  ] as const) {
    it(`${many} → ${one} key is refused`, () => assert.match(foreignKeyTypeProblem(many, one) ?? '', reason));
  }
});
