import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildSchemaOverview } from '@atrium/schema';
import { withDatabase } from '@atrium/tenancy';
import { Pool } from 'pg';
import { TestApp } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-env';

const TABLES = 50;
const COLUMNS = 10;
const RUNS = 30;

/** 50 tables × 10 columns (id + 9 of mixed types, an index, a foreign key to the previous table). */
function manyTablesDdl(): string {
  const statements: string[] = [];
  for (let table = 0; table < TABLES; table++) {
    const name = `t${String(table).padStart(2, '0')}`;
    const previous = table > 0 ? `t${String(table - 1).padStart(2, '0')}` : null;
    statements.push(`CREATE TABLE ${name} (
      id serial PRIMARY KEY,
      title varchar(255) NOT NULL DEFAULT 'x',
      body text,
      amount numeric(10, 2),
      ratio real,
      flag boolean DEFAULT false,
      created timestamptz DEFAULT now(),
      data json,
      uid uuid UNIQUE,
      parent integer ${previous ? `REFERENCES ${previous} (id) ON DELETE SET NULL` : ''}
    )`);
    statements.push(`CREATE INDEX ${name}_title_index ON ${name} (title)`);
    statements.push(
      `INSERT INTO directus_fields (collection, field, special, interface) VALUES ('${name}', 'data', 'cast-json', 'input-code')`,
    );
  }
  return statements.join(';\n');
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

describe('buildSchemaOverview timing', () => {
  let t: TestApp;
  let pool: Pool;

  before(async () => {
    t = await TestApp.start();
    await t.createProject('wide');
    const sql = await t.tenantClient('wide');
    try {
      await sql.query(manyTablesDdl());
    } finally {
      await sql.end();
    }
    pool = new Pool({
      connectionString: withDatabase(TEST_DATABASE_URL, `${t.config.tenantDbPrefix}wide`),
      max: 2,
    });
  });

  after(async () => {
    await pool?.end();
    await t?.close();
  });

  it(`builds an overview of ${TABLES} tables × ${COLUMNS} columns quickly`, async (ctx) => {
    await buildSchemaOverview(pool); // warm the connection and the catalog caches
    const timings: number[] = [];
    let fields = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = process.hrtime.bigint();
      const overview = await buildSchemaOverview(pool);
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
      fields = Object.keys(overview.collections.t49.fields).length;
    }
    timings.sort((a, b) => a - b);
    const median = percentile(timings, 0.5);
    ctx.diagnostic(
      `overview build, ${TABLES} user tables × ${COLUMNS} columns (+ system tables), ${RUNS} runs: ` +
        `median ${median.toFixed(1)} ms, p90 ${percentile(timings, 0.9).toFixed(1)} ms, ` +
        `min ${timings[0].toFixed(1)} ms, max ${timings[timings.length - 1].toFixed(1)} ms`,
    );
    assert.equal(fields, COLUMNS);
    // A generous ceiling: the point is "a handful of set-based queries", not one per table.
    assert.ok(median < 250, `median ${median} ms`);
  });
});
