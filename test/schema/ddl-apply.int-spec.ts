import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { quoteIdent, withDatabase } from '@atrium/tenancy';
import { Client } from 'pg';
import type { DirectusType } from '../../libs/schema/src/overview/schema-overview';
import { parseDefaultValue } from '../../libs/schema/src/overview/parse-default-value';
import {
  addColumn,
  addForeignKey,
  alterColumn,
  castPlan,
  columnType,
  type ColumnTypeOptions,
  commentOnTable,
  createTable,
  defaultValueProblem,
  DIRECTUS_TYPES,
  dropColumn,
  dropForeignKey,
  dropTable,
  type ExistingColumn,
  foreignKeyName,
  POSTGRES_RESERVED_KEYWORDS,
  REFERENTIAL_ACTIONS,
} from '../../libs/schema/src/ddl';
import { TEST_DATABASE_URL } from '../support/test-env';

const DATABASE = `atrium_test_ddl_${process.pid}_${Date.now().toString(36)}`;
const COLUMN_TYPES = DIRECTUS_TYPES.filter((type) => type !== 'alias' && type !== 'unknown');

let admin: Client;
let db: Client;
let tableCounter = 0;

/** A fresh table name per case, so cases never see each other's leftovers. */
const nextTable = (prefix: string) => `${prefix}_${++tableCounter}`;

/** Runs the statements the way the schema service will: all in one transaction. */
async function apply(statements: readonly string[]): Promise<void> {
  await db.query('BEGIN');
  try {
    for (const sql of statements) await db.query(sql);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

/** `format_type` of a column, e.g. `character varying(120)`, `numeric(12,2)`. */
async function columnFormat(table: string, column: string): Promise<string | null> {
  const { rows } = await db.query<{ type: string }>(
    `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = to_regclass($1) AND attname = $2 AND NOT attisdropped`,
    [quoteIdent(table), column],
  );
  return rows[0]?.type ?? null;
}

interface ColumnFacts {
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
}
async function columnFacts(table: string, column: string): Promise<ColumnFacts | undefined> {
  const { rows } = await db.query<ColumnFacts>(
    `SELECT is_nullable, column_default FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2`,
    [table, column],
  );
  return rows[0];
}

async function constraints(table: string): Promise<{ name: string; type: string; deltype: string }[]> {
  const { rows } = await db.query<{ name: string; type: string; deltype: string }>(
    `SELECT conname AS name, contype AS type, confdeltype AS deltype FROM pg_constraint
      WHERE conrelid = to_regclass($1) ORDER BY conname`,
    [quoteIdent(table)],
  );
  return rows;
}

async function indexNames(table: string): Promise<string[]> {
  const { rows } = await db.query<{ indexname: string }>(
    `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1 ORDER BY indexname`,
    [table],
  );
  return rows.map((row) => row.indexname);
}

async function defaultExpression(table: string, column: string): Promise<string | null> {
  const { rows } = await db.query<{ expr: string }>(
    `SELECT pg_get_expr(d.adbin, d.adrelid) AS expr FROM pg_attrdef d
       JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
      WHERE d.adrelid = to_regclass($1) AND a.attname = $2`,
    [quoteIdent(table), column],
  );
  return rows[0]?.expr ?? null;
}

async function sequenceType(table: string, column: string): Promise<string | null> {
  const { rows } = await db.query<{ type: string }>(
    `SELECT seqtypid::regtype::text AS type FROM pg_sequence
      WHERE seqrelid = pg_get_serial_sequence($1, $2)::regclass`,
    [quoteIdent(table), column],
  );
  return rows[0]?.type ?? null;
}

async function tableExists(table: string): Promise<boolean> {
  const { rows } = await db.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [
    quoteIdent(table),
  ]);
  return rows[0].found !== null;
}

/** A row inserted with every column at its default, read back as text. */
async function defaultRow(table: string, column: string): Promise<string | null> {
  const { rows } = await db.query<{ value: string | null }>(
    `INSERT INTO ${quoteIdent(table)} DEFAULT VALUES RETURNING ${quoteIdent(column)}::text AS value`,
  );
  return rows[0].value;
}

/** The column Atrium's schema overview would describe after `createTable`. */
function existing(
  table: string,
  type: DirectusType,
  overrides: Partial<ExistingColumn> = {},
): ExistingColumn {
  return {
    type,
    name: 'c',
    table,
    data_type: type,
    default_value: null,
    max_length: type === 'string' || type === 'hash' ? 255 : null,
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

/** `format_type` spelling of the type `columnType` creates. */
const FORMAT: Record<string, string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  real: 'real',
  boolean: 'boolean',
  date: 'date',
  time: 'time without time zone',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  json: 'json',
  uuid: 'uuid',
  bytea: 'bytea',
};
function formatOf(type: DirectusType, options: ColumnTypeOptions = {}): string {
  const base = columnType(type, options)!.base;
  const varchar = /^varchar\((\d+)\)$/.exec(base);
  if (varchar) return `character varying(${varchar[1]})`;
  const numeric = /^numeric\((\d+), (\d+)\)$/.exec(base);
  if (numeric) return `numeric(${numeric[1]},${numeric[2]})`;
  return FORMAT[base];
}

before(async () => {
  admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${quoteIdent(DATABASE)}`);
  db = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, DATABASE) });
  await db.connect();
  // Fixed zone so timestamp conversions read back the same on every machine.
  await db.query("SET TimeZone = 'UTC'");
});

after(async () => {
  await db?.end().catch(() => undefined);
  await admin?.query(`DROP DATABASE IF EXISTS ${quoteIdent(DATABASE)} WITH (FORCE)`);
  await admin?.end();
});

describe('identifiers against the server', () => {
  it("refuses every word the server lists as reserved (pg_get_keywords category 'R')", async () => {
    const { rows } = await db.query<{ word: string }>(
      "SELECT word FROM pg_get_keywords() WHERE catcode = 'R'",
    );
    assert.ok(rows.length > 50);
    const missing = rows.map((row) => row.word).filter((word) => !POSTGRES_RESERVED_KEYWORDS.has(word));
    assert.deepEqual(missing, []);
  });
});

describe('createTable executes for every type and option', () => {
  it('gives a collection without fields an auto-increment id key', async () => {
    const table = nextTable('plain');
    await apply(createTable(table, []));
    assert.equal(await columnFormat(table, 'id'), 'integer');
    assert.match((await columnFacts(table, 'id'))!.column_default!, /^nextval\(/);
    assert.deepEqual(
      (await constraints(table)).map((c) => c.type),
      ['p'],
    );
    assert.equal(await defaultRow(table, 'id'), '1');
    assert.equal(await defaultRow(table, 'id'), '2');
  });

  it('creates a uuid key that fills itself', async () => {
    const table = nextTable('uuid_key');
    await apply(createTable(table, [{ field: 'id', type: 'uuid', schema: { is_primary_key: true } }]));
    assert.match((await defaultRow(table, 'id'))!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
  });

  for (const [type, key] of [
    ['integer', 'integer'],
    ['bigInteger', 'bigint'],
    ['string', 'character varying(36)'],
  ] as const) {
    it(`creates a ${type} key`, async () => {
      const table = nextTable('key');
      await apply(
        createTable(
          table,
          [{ field: 'code', type, schema: { is_primary_key: true, max_length: 36 } }],
          'code',
        ),
      );
      assert.equal(await columnFormat(table, 'code'), key);
      assert.equal((await columnFacts(table, 'code'))!.is_nullable, 'NO');
    });
  }

  const shapes: [DirectusType, ColumnTypeOptions][] = [
    ['string', {}],
    ['string', { max_length: 1 }],
    ['string', { max_length: 120 }],
    ['string', { max_length: 10485760 }],
    ['text', {}],
    ['integer', {}],
    ['integer', { has_auto_increment: true }],
    ['bigInteger', {}],
    ['bigInteger', { has_auto_increment: true }],
    ['float', {}],
    ['decimal', {}],
    ['decimal', { numeric_precision: 12, numeric_scale: 2 }],
    ['decimal', { numeric_precision: 3 }],
    ['decimal', { numeric_precision: 1000, numeric_scale: 1000 }],
    ['decimal', { numeric_precision: 1, numeric_scale: 0 }],
    ['boolean', {}],
    ['date', {}],
    ['time', {}],
    ['dateTime', {}],
    ['timestamp', {}],
    ['json', {}],
    ['csv', {}],
    ['uuid', {}],
    ['hash', {}],
    ['binary', {}],
  ];
  for (const [type, options] of shapes) {
    it(`${type} ${JSON.stringify(options)} → ${formatOf(type, options)}`, async () => {
      const table = nextTable('shape');
      await apply(
        createTable(table, [
          { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
          { field: 'c', type, schema: options },
        ]),
      );
      assert.equal(await columnFormat(table, 'c'), formatOf(type, options));
      const facts = (await columnFacts(table, 'c'))!;
      // serial/bigserial columns are NOT NULL by definition.
      assert.equal(facts.is_nullable, options.has_auto_increment ? 'NO' : 'YES');
      if (options.has_auto_increment) assert.match(facts.column_default!, /^nextval\(/);
      else assert.equal(facts.column_default, null);
    });
  }

  it('applies NOT NULL, named UNIQUE, indexes and comments', async () => {
    const table = nextTable('options');
    await apply(
      createTable(table, [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'title', type: 'string', schema: { is_nullable: false, default_value: 'untitled' } },
        { field: 'slug', type: 'string', schema: { is_unique: true, is_indexed: true } },
        { field: 'rank', type: 'integer', schema: { is_indexed: true, comment: "a 'rank'; -- $$" } },
        { field: 'items', type: 'alias' },
      ]),
    );
    assert.equal((await columnFacts(table, 'title'))!.is_nullable, 'NO');
    assert.equal(await columnFacts(table, 'items'), undefined, 'alias fields have no column');
    assert.deepEqual(
      (await constraints(table)).map((c) => [c.name, c.type]),
      [
        [`${table}_pkey`, 'p'],
        [`${table}_slug_unique`, 'u'],
      ],
    );
    assert.deepEqual(await indexNames(table), [
      `${table}_pkey`,
      `${table}_rank_index`,
      `${table}_slug_unique`,
    ]);
    const { rows } = await db.query<{ comment: string }>(
      `SELECT col_description(to_regclass($1), attnum) AS comment FROM pg_attribute
        WHERE attrelid = to_regclass($1) AND attname = 'rank'`,
      [table],
    );
    assert.equal(rows[0].comment, "a 'rank'; -- $$");
    await apply(commentOnTable(table, "posts' table"));
    const tableComment = await db.query<{ c: string }>('SELECT obj_description(to_regclass($1)) AS c', [
      table,
    ]);
    assert.equal(tableComment.rows[0].c, "posts' table");
  });

  const defaults: [DirectusType, unknown, string | RegExp, ColumnTypeOptions?][] = [
    ['string', "it's; drop table x; -- \\ $$ $tag$", "it's; drop table x; -- \\ $$ $tag$"],
    ['string', 'abc', 'abc', { max_length: 3 }],
    ['text', "multi\nline 'quoted' \\n", "multi\nline 'quoted' \\n"],
    ['text', 'now()', 'now()'],
    ['csv', ['a', 'b'], 'a,b'],
    ['integer', -5, '-5'],
    ['integer', 2147483647, '2147483647'],
    ['bigInteger', '9223372036854775807', '9223372036854775807'],
    ['float', 1.5, '1.5'],
    ['float', -0.25, '-0.25'],
    ['decimal', 12.5, '12.50000'],
    ['decimal', '-99.994', '-99.99', { numeric_precision: 4, numeric_scale: 2 }],
    ['boolean', true, 'true'],
    ['boolean', false, 'false'],
    ['date', '2024-02-29', '2024-02-29'],
    ['date', 'now()', /^\d{4}-\d{2}-\d{2}$/],
    ['date', 'CURRENT_TIMESTAMP', /^\d{4}-\d{2}-\d{2}$/],
    ['time', '08:30:15.5', '08:30:15.5'],
    ['time', 'now()', /^\d{2}:\d{2}:\d{2}/],
    ['dateTime', '2024-01-31T10:00:00', '2024-01-31 10:00:00'],
    ['dateTime', 'CURRENT_TIMESTAMP(3)', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,3})?$/],
    ['timestamp', '2024-01-31T10:00:00+02:00', '2024-01-31 08:00:00+00'],
    ['timestamp', 'now()', /\+00$/],
    ['json', { a: "x'y", b: [1, null], c: '\\' }, '{"a":"x\'y","b":[1,null],"c":"\\\\"}'],
    ['json', '[1,"$$"]', '[1,"$$"]'],
    ['uuid', '4F8E2A5C-1B3D-4C6E-8F9A-0B1C2D3E4F5A', '4f8e2a5c-1b3d-4c6e-8f9a-0b1c2d3e4f5a'],
    ['uuid', 'gen_random_uuid()', /^[0-9a-f-]{36}$/],
  ];
  for (const [type, value, expected, options] of defaults) {
    it(`default ${type} ${JSON.stringify(value)} reads back, and reads back as a valid default`, async () => {
      const table = nextTable('dflt');
      await apply(
        createTable(table, [
          { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
          { field: 'c', type, schema: { ...options, default_value: value } },
        ]),
      );
      const stored = await defaultRow(table, 'c');
      if (typeof expected === 'string') assert.equal(stored, expected);
      else assert.match(stored!, expected);
      // The overview reports the default through parseDefaultValue; that value must be accepted again
      // (a type change re-applies it, a snapshot apply sends it back).
      const parsed = parseDefaultValue(await defaultExpression(table, 'c'), type);
      assert.equal(defaultValueProblem(type, parsed, options), null, `re-applying ${JSON.stringify(parsed)}`);
    });
  }

  it('quotes defaults the same way with standard_conforming_strings off', async () => {
    const table = nextTable('scs_off');
    const value = "back\\slash ' quote \\' $$";
    await db.query('BEGIN');
    try {
      await db.query('SET LOCAL standard_conforming_strings = off');
      await db.query('SET LOCAL escape_string_warning = off');
      for (const sql of createTable(table, [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'c', type: 'text', schema: { default_value: value } },
      ])) {
        await db.query(sql);
      }
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK');
      throw error;
    }
    assert.equal(await defaultRow(table, 'c'), value);
  });
});

describe('addColumn, alterColumn and dropColumn execute', () => {
  it('adds a column of every type to a table holding rows', async () => {
    const table = nextTable('add');
    await apply(createTable(table, []));
    await defaultRow(table, 'id');
    for (const type of COLUMN_TYPES) {
      await apply(addColumn(table, { field: `f_${type.toLowerCase()}`, type }));
      assert.equal(await columnFormat(table, `f_${type.toLowerCase()}`), formatOf(type), type);
    }
    await apply(addColumn(table, { field: 'seq', type: 'integer', schema: { has_auto_increment: true } }));
    await apply(
      addColumn(table, {
        field: 'flag',
        type: 'boolean',
        schema: { is_nullable: false, default_value: false },
      }),
    );
    const { rows } = await db.query(`SELECT seq, flag FROM ${quoteIdent(table)}`);
    assert.deepEqual(rows, [{ seq: 1, flag: false }], 'existing rows get the sequence value and the default');
    await apply(addColumn(table, { field: 'uniq', type: 'string', schema: { is_unique: true } }));
    await apply(addColumn(table, { field: 'idx', type: 'integer', schema: { is_indexed: true } }));
    assert.ok((await indexNames(table)).includes(`${table}_uniq_unique`));
    assert.ok((await indexNames(table)).includes(`${table}_idx_index`));
    await apply(addColumn(table, { field: 'rel', type: 'alias' }));
    assert.equal(await columnFacts(table, 'rel'), undefined);
    await apply(dropColumn(table, 'f_text'));
    assert.equal(await columnFacts(table, 'f_text'), undefined);
  });

  it('changes nullability, default, unique, index and comment in place', async () => {
    const table = nextTable('alter');
    await apply(createTable(table, []));
    await apply(addColumn(table, { field: 'c', type: 'string', schema: { default_value: 'a' } }));
    let column = existing(table, 'string', { default_value: 'a' });

    await apply(alterColumn(column, { schema: { default_value: 'b', is_nullable: false } }));
    assert.deepEqual(await columnFacts(table, 'c'), {
      is_nullable: 'NO',
      column_default: "'b'::character varying",
    });
    column = { ...column, default_value: 'b', is_nullable: false };

    await apply(alterColumn(column, { schema: { is_unique: true } }));
    assert.ok((await constraints(table)).some((c) => c.name === `${table}_c_unique` && c.type === 'u'));
    column = { ...column, is_unique: true, is_indexed: true };

    await apply(alterColumn(column, { schema: { is_unique: false, is_indexed: true } }));
    assert.deepEqual(await indexNames(table), [`${table}_c_index`, `${table}_pkey`]);
    column = { ...column, is_unique: false };

    await apply(
      alterColumn(column, {
        schema: { is_indexed: false, default_value: null, is_nullable: true, comment: 'c' },
      }),
    );
    assert.deepEqual(await indexNames(table), [`${table}_pkey`]);
    assert.deepEqual(await columnFacts(table, 'c'), { is_nullable: 'YES', column_default: null });
  });

  it('refuses NOT NULL on a column holding nulls with PostgreSQL error 23502, leaving it unchanged', async () => {
    const table = nextTable('nulls');
    await apply(createTable(table, []));
    await apply(addColumn(table, { field: 'c', type: 'text' }));
    await defaultRow(table, 'c');
    await assert.rejects(apply(alterColumn(existing(table, 'text'), { schema: { is_nullable: false } })), {
      code: '23502',
    });
    assert.equal((await columnFacts(table, 'c'))!.is_nullable, 'YES');
  });
});

describe('type changes on columns holding data', () => {
  /** A value of each source type (text sources hold the text form of the target instead). */
  const SOURCE_SAMPLE: Record<string, string> = {
    integer: '42',
    bigInteger: '42',
    float: '1.5',
    decimal: '12.5',
    boolean: 'true',
    date: '2024-01-31',
    time: '10:30:00',
    dateTime: '2024-01-31 10:30:00',
    timestamp: '2024-01-31 10:30:00+00',
    json: '{"a":1}',
    uuid: '4f8e2a5c-1b3d-4c6e-8f9a-0b1c2d3e4f5a',
    hash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
    binary: '\\x0102',
  };
  const TEXT_SAMPLE: Record<string, string> = {
    ...SOURCE_SAMPLE,
    string: 'hello',
    text: 'hello',
    csv: 'a,b',
    boolean: 'yes',
  };
  /** What some conversions must read back (the rest must simply keep a non-null value). */
  const EXPECTED: Record<string, string> = {
    'integer→bigInteger': '42',
    'bigInteger→integer': '42',
    'float→integer': '2',
    'decimal→integer': '13',
    'decimal→bigInteger': '13',
    'integer→decimal': '42.00000',
    'boolean→integer': '1',
    'boolean→bigInteger': '1',
    'integer→boolean': 'true',
    'string→boolean': 'true',
    'string→integer': '42',
    'text→decimal': '12.50000',
    'date→dateTime': '2024-01-31 00:00:00',
    'date→timestamp': '2024-01-31 00:00:00+00',
    'timestamp→date': '2024-01-31',
    'timestamp→dateTime': '2024-01-31 10:30:00',
    'dateTime→timestamp': '2024-01-31 10:30:00+00',
    'dateTime→time': '10:30:00',
    'json→text': '{"a":1}',
    'text→json': '{"a":1}',
    'string→uuid': '4f8e2a5c-1b3d-4c6e-8f9a-0b1c2d3e4f5a',
    'uuid→string': '4f8e2a5c-1b3d-4c6e-8f9a-0b1c2d3e4f5a',
    'integer→string': '42',
    'boolean→text': 'true',
    'hash→string': SOURCE_SAMPLE.hash,
    'text→csv': 'a,b',
  };
  const TEXTUAL = new Set(['string', 'text', 'csv']);

  for (const from of COLUMN_TYPES) {
    for (const to of COLUMN_TYPES) {
      const plan = castPlan(from, to);
      if (!plan.allowed) {
        it(`${from} → ${to} is refused without running anything: ${plan.reason}`, () => {
          assert.throws(() => alterColumn(existing('never_created', from), { type: to }), {
            code: 'INVALID_PAYLOAD',
          });
        });
        continue;
      }
      if (from === to) continue;
      it(`${from} → ${to} converts a stored value`, async () => {
        const table = nextTable('cast');
        await apply(createTable(table, []));
        await apply(addColumn(table, { field: 'c', type: from }));
        const sample = TEXTUAL.has(from) ? TEXT_SAMPLE[to] : SOURCE_SAMPLE[from];
        await db.query(`INSERT INTO ${quoteIdent(table)} (c) VALUES ($1)`, [sample]);
        await apply(alterColumn(existing(table, from), { type: to }));
        assert.equal(await columnFormat(table, 'c'), formatOf(to));
        const { rows } = await db.query<{ value: string | null }>(
          `SELECT c::text AS value FROM ${quoteIdent(table)}`,
        );
        const expected = EXPECTED[`${from}→${to}`];
        if (expected !== undefined) assert.equal(rows[0].value, expected);
        else assert.notEqual(rows[0].value, null);
      });
    }
  }

  const failures: [string, DirectusType, string, DirectusType, ColumnTypeOptions, string][] = [
    ['text that is no number', 'string', 'abc', 'integer', {}, '22P02'],
    ['a bigint beyond integer', 'bigInteger', '1099511627776', 'integer', {}, '22003'],
    [
      'text longer than max_length (never truncated)',
      'text',
      'toolong',
      'string',
      { max_length: 3 },
      '22001',
    ],
    ['text that is no JSON', 'text', '{bad', 'json', {}, '22P02'],
    ['text that is no uuid', 'string', 'nope', 'uuid', {}, '22P02'],
    [
      'a number with too many digits',
      'integer',
      '123456',
      'decimal',
      { numeric_precision: 4, numeric_scale: 2 },
      '22003',
    ],
  ];
  for (const [label, from, sample, to, options, code] of failures) {
    it(`fails on ${label} with ${code} and leaves the column as it was`, async () => {
      const table = nextTable('castfail');
      await apply(createTable(table, []));
      await apply(addColumn(table, { field: 'c', type: from }));
      await db.query(`INSERT INTO ${quoteIdent(table)} (c) VALUES ($1)`, [sample]);
      await assert.rejects(apply(alterColumn(existing(table, from), { type: to, schema: options })), {
        code,
      });
      assert.equal(await columnFormat(table, 'c'), formatOf(from));
      const { rows } = await db.query<{ value: string }>(`SELECT c::text AS value FROM ${quoteIdent(table)}`);
      assert.equal(rows[0].value, sample);
    });
  }

  it('shrinks max_length only when the data fits, and rounds decimals to a new scale', async () => {
    const table = nextTable('opts');
    await apply(createTable(table, []));
    await apply(addColumn(table, { field: 'c', type: 'string' }));
    await apply(addColumn(table, { field: 'd', type: 'decimal' }));
    await db.query(`INSERT INTO ${quoteIdent(table)} (c, d) VALUES ('hello', 12.34567)`);
    await assert.rejects(apply(alterColumn(existing(table, 'string'), { schema: { max_length: 3 } })), {
      code: '22001',
    });
    await apply(alterColumn(existing(table, 'string'), { schema: { max_length: 5 } }));
    assert.equal(await columnFormat(table, 'c'), 'character varying(5)');
    const decimal = existing(table, 'decimal', { name: 'd' });
    await apply(alterColumn(decimal, { schema: { numeric_precision: 6, numeric_scale: 2 } }));
    assert.equal(await columnFormat(table, 'd'), 'numeric(6,2)');
    const { rows } = await db.query<{ d: string }>(`SELECT d::text AS d FROM ${quoteIdent(table)}`);
    assert.equal(rows[0].d, '12.35');
  });

  it('keeps a default across a type change, and an auto-increment sequence too', async () => {
    const table = nextTable('keepdefault');
    await apply(
      createTable(table, [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'c', type: 'integer', schema: { default_value: 7 } },
      ]),
    );
    const parsed = parseDefaultValue(await defaultExpression(table, 'c'), 'integer');
    await apply(alterColumn(existing(table, 'integer', { default_value: parsed }), { type: 'bigInteger' }));
    const key = existing(table, 'integer', {
      name: 'id',
      is_primary_key: true,
      is_nullable: false,
      has_auto_increment: true,
      default_value: await defaultExpression(table, 'id'),
    });
    await apply(alterColumn(key, { type: 'bigInteger' }));
    assert.equal(await columnFormat(table, 'c'), 'bigint');
    assert.equal(await columnFormat(table, 'id'), 'bigint');
    const { rows } = await db.query(
      `INSERT INTO ${quoteIdent(table)} DEFAULT VALUES RETURNING id::text, c::text`,
    );
    assert.deepEqual(rows, [{ id: '1', c: '7' }]);
    assert.equal(await sequenceType(table, 'id'), 'bigint', 'the sequence widened with its column');
    await db.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), 3000000000)`, [quoteIdent(table)]);
    const big = await db.query(`INSERT INTO ${quoteIdent(table)} DEFAULT VALUES RETURNING id::text`);
    assert.deepEqual(big.rows, [{ id: '3000000001' }]);
  });
});

describe('relations execute', () => {
  const CODES: Record<string, string> = {
    'NO ACTION': 'a',
    RESTRICT: 'r',
    CASCADE: 'c',
    'SET NULL': 'n',
    'SET DEFAULT': 'd',
  };

  for (const action of REFERENTIAL_ACTIONS) {
    it(`adds and drops an m2o foreign key ON DELETE ${action}`, async () => {
      const one = nextTable('authors');
      const many = nextTable('books');
      await apply(createTable(one, []));
      await apply(createTable(many, []));
      await apply(addColumn(many, { field: 'author', type: 'integer' }));
      await apply(
        addForeignKey({
          many_collection: many,
          many_field: 'author',
          one_collection: one,
          on_delete: action,
        }),
      );
      const fk = (await constraints(many)).find((c) => c.type === 'f')!;
      assert.equal(fk.name, foreignKeyName(many, 'author'));
      assert.equal(fk.deltype, CODES[action]);
      await apply(dropForeignKey(many, fk.name));
      assert.equal((await constraints(many)).filter((c) => c.type === 'f').length, 0);
    });
  }

  it('CASCADE and SET NULL act on delete', async () => {
    const one = nextTable('parents');
    const cascade = nextTable('cascade');
    const nullify = nextTable('nullify');
    await apply([
      ...createTable(one, []),
      ...createTable(cascade, []),
      ...createTable(nullify, []),
      ...addColumn(cascade, { field: 'parent', type: 'integer' }),
      ...addColumn(nullify, { field: 'parent', type: 'integer' }),
      ...addForeignKey({
        many_collection: cascade,
        many_field: 'parent',
        one_collection: one,
        on_delete: 'CASCADE',
      }),
      ...addForeignKey({
        many_collection: nullify,
        many_field: 'parent',
        one_collection: one,
        on_delete: 'SET NULL',
      }),
    ]);
    await db.query(`INSERT INTO ${quoteIdent(one)} DEFAULT VALUES`);
    await db.query(`INSERT INTO ${quoteIdent(cascade)} (parent) VALUES (1)`);
    await db.query(`INSERT INTO ${quoteIdent(nullify)} (parent) VALUES (1)`);
    await assert.rejects(db.query(`INSERT INTO ${quoteIdent(nullify)} (parent) VALUES (99)`), {
      code: '23503',
    });
    await db.query(`DELETE FROM ${quoteIdent(one)}`);
    assert.equal((await db.query(`SELECT * FROM ${quoteIdent(cascade)}`)).rowCount, 0);
    assert.deepEqual((await db.query(`SELECT parent FROM ${quoteIdent(nullify)}`)).rows, [{ parent: null }]);
  });

  it('builds an m2m junction to a uuid-keyed collection with hashed long constraint names', async () => {
    const posts = `posts_${'p'.repeat(40)}`;
    const tags = nextTable('tags');
    const junction = `${posts}_tags_${'j'.repeat(10)}`;
    await apply([
      ...createTable(posts, []),
      ...createTable(tags, [{ field: 'id', type: 'uuid', schema: { is_primary_key: true } }]),
      ...createTable(junction, [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: `${posts}_id`, type: 'integer' },
        { field: 'tags_id', type: 'uuid' },
      ]),
      ...addForeignKey({
        many_collection: junction,
        many_field: `${posts}_id`,
        one_collection: posts,
        on_delete: 'CASCADE',
      }),
      ...addForeignKey({
        many_collection: junction,
        many_field: 'tags_id',
        one_collection: tags,
        on_delete: 'CASCADE',
      }),
    ]);
    const names = (await constraints(junction)).filter((c) => c.type === 'f').map((c) => c.name);
    assert.equal(names.length, 2);
    for (const name of names) assert.ok(Buffer.byteLength(name) <= 63, name);
    assert.ok(
      names.includes(foreignKeyName(junction, `${posts}_id`)),
      'the name the builder computes is the stored one',
    );
    await apply(dropTable(junction));
    assert.equal(await tableExists(junction), false);
  });
});

describe('hostile names and values never become SQL', () => {
  const VICTIM = 'victim';
  before(async () => {
    await apply(createTable(VICTIM, []));
  });

  const hostile = [
    'a"b',
    'a;b',
    'pg_catalog.pg_authid',
    `x) ; drop table ${VICTIM}; --`,
    'аrticles',
    'x'.repeat(64),
  ];
  for (const name of hostile) {
    it(`refuses ${JSON.stringify(name).slice(0, 40)} as a new collection or field`, async () => {
      assert.throws(() => createTable(name, []), { code: 'INVALID_PAYLOAD' });
      assert.throws(() => addColumn(VICTIM, { field: name, type: 'text' }), { code: 'INVALID_PAYLOAD' });
      assert.equal(await tableExists(VICTIM), true);
    });
  }

  it('handles a table created outside the API with quotes and semicolons in its names', async () => {
    const table = `legacy "q"; drop table ${VICTIM}; --`;
    await db.query(`CREATE TABLE ${quoteIdent(table)} (${quoteIdent('my "id"')} serial PRIMARY KEY)`);
    await apply(
      addColumn(table, {
        field: 'note',
        type: 'text',
        schema: { default_value: `'); drop table ${VICTIM}; --` },
      }),
    );
    await apply(
      alterColumn(existing(table, 'text', { name: 'note' }), {
        schema: { is_nullable: false, is_indexed: true },
      }),
    );
    await apply(
      alterColumn(
        existing(table, 'integer', {
          name: 'my "id"',
          is_primary_key: true,
          has_auto_increment: true,
          default_value: await defaultExpression(table, 'my "id"'),
        }),
        { type: 'bigInteger' },
      ),
    );
    assert.equal(await columnFormat(table, 'my "id"'), 'bigint');
    assert.equal(await sequenceType(table, 'my "id"'), 'bigint');
    assert.equal(await defaultRow(table, 'note'), `'); drop table ${VICTIM}; --`);
    await apply(dropColumn(table, 'note'));
    await apply(dropTable(table));
    assert.equal(await tableExists(table), false);
    assert.equal(await tableExists(VICTIM), true);
  });

  it('refuses to drop system tables', () => {
    for (const name of ['directus_users', 'atrium_migrations', 'pg_authid']) {
      assert.throws(() => dropTable(name), { code: 'INVALID_PAYLOAD' });
    }
  });
});
