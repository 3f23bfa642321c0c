import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DirectusType } from '../overview/schema-overview';
import {
  addColumn,
  alterColumn,
  dropColumn,
  type ExistingColumn,
  planAlterColumn,
  renameNothing,
} from './column-ddl';

const refusesWith = (fn: () => unknown, reason: RegExp) =>
  assert.throws(fn, (error: { code?: string; extensions?: { reason?: string } }) => {
    assert.equal(error.code, 'INVALID_PAYLOAD');
    assert.match(error.extensions?.reason ?? '', reason);
    return true;
  });

function existing(type: DirectusType, overrides: Partial<ExistingColumn> = {}): ExistingColumn {
  return {
    type,
    name: 'c',
    table: 't',
    data_type: 'x',
    default_value: null,
    max_length: type === 'string' ? 255 : null,
    numeric_precision: type === 'decimal' ? 10 : null,
    numeric_scale: type === 'decimal' ? 5 : null,
    is_nullable: true,
    is_unique: false,
    is_indexed: false,
    is_primary_key: false,
    is_generated: false,
    generation_expression: null,
    has_auto_increment: false,
    foreign_key_table: null,
    foreign_key_column: null,
    comment: null,
    ...overrides,
  };
}

const A = 'ALTER TABLE "t" ALTER COLUMN "c"';

describe('addColumn', () => {
  it('adds a column with its options, index and comment', () => {
    assert.deepEqual(
      addColumn('articles', {
        field: 'rank',
        type: 'integer',
        schema: { is_nullable: false, default_value: 1, is_indexed: true, comment: 'x' },
      }),
      [
        'ALTER TABLE "articles" ADD COLUMN "rank" integer NOT NULL DEFAULT 1',
        'CREATE INDEX "articles_rank_index" ON "articles" ("rank")',
        `COMMENT ON COLUMN "articles"."rank" IS 'x'`,
      ],
    );
  });

  it('adds a unique column through a named constraint', () => {
    assert.deepEqual(addColumn('articles', { field: 'slug', type: 'string', schema: { is_unique: true } }), [
      'ALTER TABLE "articles" ADD COLUMN "slug" varchar(255) CONSTRAINT "articles_slug_unique" UNIQUE',
    ]);
  });

  it('adds an auto-increment column', () => {
    assert.deepEqual(
      addColumn('t', { field: 'n', type: 'bigInteger', schema: { has_auto_increment: true } }),
      ['ALTER TABLE "t" ADD COLUMN "n" bigserial'],
    );
  });

  it('adds nothing for an alias field', () =>
    assert.deepEqual(addColumn('t', { field: 'items', type: 'alias' }), []));

  it('adds to tables with any catalog name, quoted', () => {
    assert.deepEqual(addColumn('My "Table"', { field: 'a', type: 'text' }), [
      'ALTER TABLE "My ""Table""" ADD COLUMN "a" text',
    ]);
  });

  it('adds custom fields to system collections (the service decides who may)', () => {
    assert.deepEqual(addColumn('directus_users', { field: 'nickname', type: 'string' }), [
      'ALTER TABLE "directus_users" ADD COLUMN "nickname" varchar(255)',
    ]);
  });

  const refusals: [string, () => unknown, RegExp][] = [
    ['a quoted field name', () => addColumn('t', { field: 'a"b', type: 'text' }), /lowercase letters/],
    ['an injected field name', () => addColumn('t', { field: 'a;b', type: 'text' }), /lowercase letters/],
    ['a reserved word', () => addColumn('t', { field: 'where', type: 'text' }), /reserved word/],
    ['a system column', () => addColumn('t', { field: 'ctid', type: 'text' }), /system column/],
    [
      'a second primary key',
      () => addColumn('t', { field: 'k', type: 'integer', schema: { is_primary_key: true } }),
      /chosen when the collection is created/,
    ],
    [
      'an impossible table name',
      () => addColumn('x'.repeat(64), { field: 'a', type: 'text' }),
      /longer than 63/,
    ],
    [
      'a bad option',
      () => addColumn('t', { field: 'a', type: 'string', schema: { max_length: 0 } }),
      /max_length/,
    ],
  ];
  for (const [label, fn, reason] of refusals) it(`refuses ${label}`, () => refusesWith(fn, reason));
});

describe('dropColumn and renameNothing', () => {
  it('drops a column by its quoted names', () => {
    assert.deepEqual(dropColumn('articles', 'title'), ['ALTER TABLE "articles" DROP COLUMN "title"']);
    assert.deepEqual(dropColumn('a"b', 'c;d'), ['ALTER TABLE "a""b" DROP COLUMN "c;d"']);
  });

  it('refuses names no catalog can hold', () => refusesWith(() => dropColumn('t', 'a\u0000'), /NUL/));

  it('renames nothing', () => {
    assert.deepEqual(renameNothing('field', 'title', 'title'), []);
    assert.deepEqual(renameNothing('collection', 'articles', undefined), []);
    refusesWith(() => renameNothing('field', 'title', 'headline'), /can't be renamed/);
    refusesWith(() => renameNothing('collection', 'articles', 'posts'), /can't be renamed/);
  });
});

describe('alterColumn', () => {
  const cases: [
    string,
    ExistingColumn,
    Parameters<typeof alterColumn>[1],
    string[],
    Parameters<typeof alterColumn>[2]?,
  ][] = [
    ['nothing', existing('text'), {}, []],
    ['the same type', existing('integer'), { type: 'integer' }, []],
    [
      'integer → bigInteger',
      existing('integer'),
      { type: 'bigInteger' },
      [`${A} TYPE bigint USING "c"::bigint`],
    ],
    ['string → integer', existing('string'), { type: 'integer' }, [`${A} TYPE integer USING "c"::integer`]],
    [
      'text → string(20)',
      existing('text'),
      { type: 'string', schema: { max_length: 20 } },
      [`${A} TYPE varchar(20) USING "c"::text`],
    ],
    [
      'string(255) → string(100)',
      existing('string'),
      { schema: { max_length: 100 } },
      [`${A} TYPE varchar(100)`],
    ],
    ['string(255) max_length unchanged', existing('string'), { schema: { max_length: 255 } }, []],
    [
      'string(100) max_length null → 255',
      existing('string', { max_length: 100 }),
      { schema: { max_length: null } },
      [`${A} TYPE varchar(255)`],
    ],
    [
      'decimal precision',
      existing('decimal'),
      { schema: { numeric_precision: 12 } },
      [`${A} TYPE numeric(12, 5)`],
    ],
    [
      'decimal → decimal(8,2)',
      existing('decimal'),
      { schema: { numeric_precision: 8, numeric_scale: 2 } },
      [`${A} TYPE numeric(8, 2)`],
    ],
    [
      'integer → decimal (defaults, not integer options)',
      existing('integer', { numeric_precision: 32, numeric_scale: 0 }),
      { type: 'decimal' },
      [`${A} TYPE numeric(10, 5) USING "c"::numeric`],
    ],
    ['json → text', existing('json'), { type: 'text' }, [`${A} TYPE text USING "c"::text`]],
    ['text → csv (same column)', existing('text'), { type: 'csv' }, []],
    ['hash → string (same column)', existing('hash', { max_length: 255 }), { type: 'string' }, []],
    [
      'boolean → bigInteger',
      existing('boolean'),
      { type: 'bigInteger' },
      [`${A} TYPE bigint USING "c"::integer`],
    ],
    [
      'auto-increment integer → bigInteger keeps its sequence and widens it',
      existing('integer', { has_auto_increment: true, default_value: "nextval('t_c_seq'::regclass)" }),
      { type: 'bigInteger' },
      [`${A} TYPE bigint USING "c"::bigint`, 'ALTER SEQUENCE "t_c_seq" AS bigint'],
    ],
    [
      'auto-increment bigInteger → integer narrows a quoted, qualified sequence',
      existing('bigInteger', {
        has_auto_increment: true,
        default_value: `nextval('app."My ""T""_c_seq"'::regclass)`,
      }),
      { type: 'integer' },
      [`${A} TYPE integer USING "c"::integer`, 'ALTER SEQUENCE "app"."My ""T""_c_seq" AS integer'],
    ],
    [
      'auto-increment without a readable sequence default',
      existing('integer', { has_auto_increment: true, default_value: null }),
      { type: 'bigInteger' },
      [`${A} TYPE bigint USING "c"::bigint`],
    ],
    ['set not null', existing('text'), { schema: { is_nullable: false } }, [`${A} SET NOT NULL`]],
    [
      'drop not null',
      existing('text', { is_nullable: false }),
      { schema: { is_nullable: true } },
      [`${A} DROP NOT NULL`],
    ],
    ['unchanged nullability', existing('text'), { schema: { is_nullable: true } }, []],
    ['set a default', existing('string'), { schema: { default_value: "o'k" } }, [`${A} SET DEFAULT 'o''k'`]],
    [
      'drop a default',
      existing('string', { default_value: 'x' }),
      { schema: { default_value: null } },
      [`${A} DROP DEFAULT`],
    ],
    ['no default to drop', existing('string'), { schema: { default_value: null } }, []],
    [
      'a function default',
      existing('timestamp'),
      { schema: { default_value: 'CURRENT_TIMESTAMP' } },
      [`${A} SET DEFAULT CURRENT_TIMESTAMP`],
    ],
    [
      'type change keeps a default that still fits',
      existing('integer', { default_value: 5 }),
      { type: 'bigInteger' },
      [`${A} DROP DEFAULT`, `${A} TYPE bigint USING "c"::bigint`, `${A} SET DEFAULT 5`],
    ],
    [
      'type change with a new default',
      existing('string', { default_value: 'x' }),
      { type: 'integer', schema: { default_value: 0 } },
      [`${A} DROP DEFAULT`, `${A} TYPE integer USING "c"::integer`, `${A} SET DEFAULT 0`],
    ],
    [
      'type change dropping the default',
      existing('string', { default_value: 'x' }),
      { type: 'integer', schema: { default_value: null } },
      [`${A} DROP DEFAULT`, `${A} TYPE integer USING "c"::integer`],
    ],
    [
      'dateTime → timestamp keeps now()',
      existing('dateTime', { default_value: 'now()' }),
      { type: 'timestamp' },
      [`${A} DROP DEFAULT`, `${A} TYPE timestamptz USING "c"::timestamptz`, `${A} SET DEFAULT now()`],
    ],
    [
      'add unique',
      existing('string'),
      { schema: { is_unique: true } },
      ['ALTER TABLE "t" ADD CONSTRAINT "t_c_unique" UNIQUE ("c")'],
    ],
    [
      'drop unique',
      existing('string', { is_unique: true, is_indexed: true }),
      { schema: { is_unique: false } },
      ['ALTER TABLE "t" DROP CONSTRAINT "t_c_unique"'],
    ],
    [
      'drop unique by its catalog name',
      existing('string', { is_unique: true }),
      { schema: { is_unique: false } },
      ['ALTER TABLE "t" DROP CONSTRAINT "legacy ""u"""'],
      { uniqueConstraint: 'legacy "u"' },
    ],
    [
      'add index',
      existing('integer'),
      { schema: { is_indexed: true } },
      ['CREATE INDEX "t_c_index" ON "t" ("c")'],
    ],
    [
      'no index on a unique column',
      existing('integer', { is_unique: true, is_indexed: true }),
      { schema: { is_indexed: true } },
      [],
    ],
    [
      'drop index',
      existing('integer', { is_indexed: true }),
      { schema: { is_indexed: false } },
      ['DROP INDEX "t_c_index"'],
    ],
    [
      'drop index by catalog name',
      existing('integer', { is_indexed: true }),
      { schema: { is_indexed: false } },
      ['DROP INDEX "idx"'],
      { index: 'idx' },
    ],
    [
      'no plain index to drop',
      existing('integer', { is_indexed: true }),
      { schema: { is_indexed: false } },
      [],
      { index: null },
    ],
    [
      'is_indexed from a unique constraint',
      existing('integer', { is_indexed: true, is_unique: true }),
      { schema: { is_indexed: false } },
      [],
    ],
    ['comment', existing('text'), { schema: { comment: 'hi' } }, [`COMMENT ON COLUMN "t"."c" IS 'hi'`]],
    [
      'drop comment',
      existing('text', { comment: 'hi' }),
      { schema: { comment: null } },
      ['COMMENT ON COLUMN "t"."c" IS NULL'],
    ],
    [
      'primary key: flags that restate the key change nothing',
      existing('integer', {
        is_primary_key: true,
        is_unique: true,
        is_indexed: true,
        is_nullable: false,
        has_auto_increment: true,
      }),
      {
        schema: {
          is_primary_key: true,
          has_auto_increment: true,
          is_unique: false,
          is_indexed: false,
          is_nullable: false,
        },
      },
      [],
    ],
    [
      'everything at once, in a safe order',
      existing('string', { default_value: 'a', is_unique: true, is_indexed: true }),
      {
        type: 'text',
        schema: { default_value: 'b', is_nullable: false, is_unique: false, is_indexed: true, comment: 'c' },
      },
      [
        `${A} DROP DEFAULT`,
        'ALTER TABLE "t" DROP CONSTRAINT "t_c_unique"',
        `${A} TYPE text USING "c"::text`,
        `${A} SET DEFAULT 'b'`,
        `${A} SET NOT NULL`,
        'CREATE INDEX "t_c_index" ON "t" ("c")',
        `COMMENT ON COLUMN "t"."c" IS 'c'`,
      ],
    ],
    ['alias stays alias', existing('alias'), { type: 'alias' }, []],
  ];
  for (const [label, old, change, sql, names] of cases) {
    it(label, () => assert.deepEqual(alterColumn(old, change, names), sql));
  }

  it('quotes catalog names it was given', () => {
    assert.deepEqual(
      alterColumn(existing('text', { table: 'a"b', name: 'c;d' }), { schema: { is_nullable: false } }),
      ['ALTER TABLE "a""b" ALTER COLUMN "c;d" SET NOT NULL'],
    );
  });

  it('says why for each step', () => {
    const plan = planAlterColumn(existing('text'), { type: 'string', schema: { max_length: 5 } });
    assert.match(plan[0].why, /from text to string \(values longer than the new max_length fail/);
  });

  const refusals: [
    string,
    ExistingColumn,
    Parameters<typeof alterColumn>[1],
    RegExp,
    Parameters<typeof alterColumn>[2]?,
  ][] = [
    ['boolean → date', existing('boolean'), { type: 'date' }, /no conversion/],
    ['json → integer', existing('json'), { type: 'integer' }, /no conversion/],
    ['text → alias', existing('text'), { type: 'alias' }, /alias/],
    ['alias → text', existing('alias'), { type: 'text' }, /alias/],
    ['string → hash', existing('string'), { type: 'hash' }, /aren't hashes/],
    ['unknown → text', existing('unknown'), { type: 'text' }, /isn't one Atrium maps/],
    ['a primary key change', existing('integer'), { schema: { is_primary_key: true } }, /primary key/],
    ['auto-increment on', existing('integer'), { schema: { has_auto_increment: true } }, /auto-increment/],
    [
      'a nullable primary key',
      existing('integer', { is_primary_key: true }),
      { schema: { is_nullable: true } },
      /can't be nullable/,
    ],
    ['generated', existing('integer'), { schema: { is_generated: true } }, /generated/],
    [
      'a default on an auto-increment column',
      existing('integer', { has_auto_increment: true }),
      { schema: { default_value: 3 } },
      /auto-increments/,
    ],
    ["a default that doesn't fit", existing('integer'), { schema: { default_value: 'x' } }, /whole number/],
    [
      'an injected default',
      existing('integer'),
      { schema: { default_value: '1; drop table t' } },
      /whole number/,
    ],
    [
      'a type change whose old default no longer fits',
      existing('string', { default_value: 'draft' }),
      { type: 'integer' },
      /current default of t\.c doesn't fit the integer type.*default_value/,
    ],
    ['a bad max_length', existing('string'), { schema: { max_length: 0 } }, /max_length/],
    ['a bad scale', existing('decimal'), { schema: { numeric_scale: 11 } }, /numeric_scale/],
    [
      "a unique index it doesn't know",
      existing('string', { is_unique: true }),
      { schema: { is_unique: false } },
      /isn't a constraint/,
      { uniqueConstraint: null },
    ],
    [
      'an impossible table name',
      existing('text', { table: '' }),
      { schema: { is_nullable: false } },
      /non-empty/,
    ],
  ];
  for (const [label, old, change, reason, names] of refusals) {
    it(`refuses ${label}`, () => refusesWith(() => alterColumn(old, change, names), reason));
  }
});
