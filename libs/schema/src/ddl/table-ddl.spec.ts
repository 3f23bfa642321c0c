import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewField } from './field-schema-input';
import { commentOnTable, createTable, dropTable, planCreateTable } from './table-ddl';

const refusesWith = (fn: () => unknown, reason: RegExp) =>
  assert.throws(fn, (error: { code?: string; extensions?: { reason?: string } }) => {
    assert.equal(error.code, 'INVALID_PAYLOAD');
    assert.match(error.extensions?.reason ?? '', reason);
    return true;
  });

describe('createTable', () => {
  it('gives a collection without fields an auto-increment id', () => {
    assert.deepEqual(createTable('articles', []), ['CREATE TABLE "articles" ("id" serial PRIMARY KEY)']);
  });

  it('creates a uuid key that fills itself', () => {
    assert.deepEqual(createTable('tags', [{ field: 'id', type: 'uuid', schema: { is_primary_key: true } }]), [
      'CREATE TABLE "tags" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid())',
    ]);
  });

  it('keeps a uuid key default the caller chose', () => {
    const [sql] = createTable('tags', [
      {
        field: 'id',
        type: 'uuid',
        schema: { is_primary_key: true, default_value: '4f8e2a5c-1b3d-4c6e-8f9a-0b1c2d3e4f5a' },
      },
    ]);
    assert.match(sql, /DEFAULT '4f8e2a5c-1b3d-4c6e-8f9a-0b1c2d3e4f5a'::uuid\)$/);
  });

  it('takes the key from the primaryKey argument', () => {
    assert.deepEqual(
      createTable(
        'codes',
        [
          { field: 'code', type: 'string', schema: { max_length: 10 } },
          { field: 'n', type: 'integer' },
        ],
        'code',
      ),
      ['CREATE TABLE "codes" ("code" varchar(10) PRIMARY KEY, "n" integer)'],
    );
  });

  it('renders every column option, then indexes and comments', () => {
    const fields: NewField[] = [
      { field: 'id', type: 'bigInteger', schema: { is_primary_key: true, has_auto_increment: true } },
      {
        field: 'title',
        type: 'string',
        schema: { max_length: 80, is_nullable: false, default_value: "it's" },
      },
      { field: 'slug', type: 'string', schema: { is_unique: true, is_indexed: true } },
      {
        field: 'rank',
        type: 'integer',
        schema: { is_indexed: true, default_value: 0, comment: "the 'rank'" },
      },
      { field: 'price', type: 'decimal', schema: { numeric_precision: 12, numeric_scale: 2 } },
      { field: 'published_at', type: 'timestamp', schema: { default_value: 'now()' } },
      { field: 'comments', type: 'alias' },
    ];
    assert.deepEqual(createTable('articles', fields), [
      'CREATE TABLE "articles" (' +
        '"id" bigserial PRIMARY KEY, ' +
        `"title" varchar(80) NOT NULL DEFAULT 'it''s', ` +
        '"slug" varchar(255) CONSTRAINT "articles_slug_unique" UNIQUE, ' +
        '"rank" integer DEFAULT 0, ' +
        '"price" numeric(12, 2), ' +
        '"published_at" timestamptz DEFAULT now())',
      'CREATE INDEX "articles_rank_index" ON "articles" ("rank")',
      `COMMENT ON COLUMN "articles"."rank" IS 'the ''rank'''`,
    ]);
  });

  it('explains each statement in its plan', () => {
    const plan = planCreateTable('articles', [
      { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
      { field: 'n', type: 'integer', schema: { is_indexed: true } },
    ]);
    assert.deepEqual(
      plan.map((step) => step.why),
      ['create articles', 'index articles.n (is_indexed)'],
    );
  });

  const refusals: [string, () => unknown, RegExp][] = [
    ['a quoted name', () => createTable('a"b', []), /lowercase letters/],
    ['a statement separator', () => createTable('a;b', []), /lowercase letters/],
    ['a qualified name', () => createTable('pg_catalog.pg_authid', []), /lowercase letters/],
    ['a system collection', () => createTable('directus_users', []), /directus_/],
    ['a catalog-shadowing name', () => createTable('pg_authid', []), /pg_/],
    ['a reserved word', () => createTable('select', []), /reserved word/],
    ['a 64-character name', () => createTable('x'.repeat(64), []), /longer than 63/],
    ['a look-alike', () => createTable('аrticles', []), /lowercase letters/],
    [
      'an injected field name',
      () =>
        createTable('t', [
          { field: 'x) ; drop table y; --', type: 'integer', schema: { is_primary_key: true } },
        ]),
      /lowercase letters/,
    ],
    [
      'a system column',
      () => createTable('t', [{ field: 'xmin', type: 'integer', schema: { is_primary_key: true } }]),
      /system column/,
    ],
    [
      'duplicate fields',
      () =>
        createTable('t', [
          { field: 'id', type: 'integer', schema: { is_primary_key: true } },
          { field: 'a', type: 'text' },
          { field: 'a', type: 'string' },
        ]),
      /"a" appears more than once/,
    ],
    ['fields without a key', () => createTable('t', [{ field: 'a', type: 'text' }]), /needs a primary key/],
    [
      'two keys',
      () =>
        createTable('t', [
          { field: 'a', type: 'integer', schema: { is_primary_key: true } },
          { field: 'b', type: 'integer', schema: { is_primary_key: true } },
        ]),
      /only one primary key/,
    ],
    [
      'a primaryKey argument that disagrees',
      () =>
        createTable(
          't',
          [
            { field: 'a', type: 'integer', schema: { is_primary_key: true } },
            { field: 'b', type: 'integer' },
          ],
          'b',
        ),
      /only one primary key/,
    ],
    [
      'a missing primaryKey field',
      () => createTable('t', [{ field: 'a', type: 'integer' }], 'id'),
      /not among the fields/,
    ],
    [
      'a json key',
      () => createTable('t', [{ field: 'k', type: 'json', schema: { is_primary_key: true } }]),
      /must be of type integer/,
    ],
    [
      'an alias key',
      () => createTable('t', [{ field: 'k', type: 'alias', schema: { is_primary_key: true } }]),
      /alias/,
    ],
    [
      'an unknown type',
      () => createTable('t', [{ field: 'k', type: 'point' as 'json', schema: { is_primary_key: true } }]),
      /not supported/,
    ],
    [
      'a bad default',
      () =>
        createTable('t', [
          { field: 'id', type: 'integer', schema: { is_primary_key: true } },
          { field: 'n', type: 'integer', schema: { default_value: '1); drop table t; --' } },
        ]),
      /whole number/,
    ],
    [
      'a generated column',
      () =>
        createTable('t', [
          { field: 'id', type: 'integer', schema: { is_primary_key: true } },
          { field: 'g', type: 'integer', schema: { is_generated: true } },
        ]),
      /generated columns/,
    ],
    [
      'a comment with NUL',
      () =>
        createTable('t', [
          { field: 'id', type: 'integer', schema: { is_primary_key: true, comment: 'a\u0000' } },
        ]),
      /NUL/,
    ],
  ];
  for (const [label, fn, reason] of refusals) it(`refuses ${label}`, () => refusesWith(fn, reason));
});

describe('dropTable and commentOnTable', () => {
  it('drops a table by its quoted catalog name, without CASCADE', () => {
    assert.deepEqual(dropTable('articles'), ['DROP TABLE "articles"']);
    assert.deepEqual(dropTable('Legacy "quoted" table'), ['DROP TABLE "Legacy ""quoted"" table"']);
  });

  for (const name of ['directus_users', 'atrium_migrations', 'pg_authid']) {
    it(`refuses to drop ${name}`, () => refusesWith(() => dropTable(name), /system table/));
  }

  it('refuses impossible names', () => {
    refusesWith(() => dropTable(''), /non-empty/);
    refusesWith(() => dropTable('x'.repeat(64)), /longer than 63/);
  });

  it('sets and removes a table comment as a literal', () => {
    assert.deepEqual(commentOnTable('articles', "Blog's posts; -- $$"), [
      `COMMENT ON TABLE "articles" IS 'Blog''s posts; -- $$'`,
    ]);
    assert.deepEqual(commentOnTable('articles', null), ['COMMENT ON TABLE "articles" IS NULL']);
    assert.deepEqual(commentOnTable('articles', ''), ['COMMENT ON TABLE "articles" IS NULL']);
  });
});
