import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client, Pool, type PoolClient } from 'pg';
import { ConnectionBudget } from '../../libs/tenancy/src/connections/connection-budget';
import { tenantClientClass } from '../../libs/tenancy/src/connections/tenant-client';
import { withDatabase } from '../../libs/tenancy/src/database/pg-connection';
import { TEST_DATABASE_URL } from '../support/test-env';

const CAP = 5;

const preparedOn = async (client: PoolClient | Client): Promise<string[]> =>
  (await client.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name')).rows.map(
    (row) => row.name,
  );

/** A named statement whose text differs with `n` (its own column alias) and whose answer proves which ran. */
const shape = (n: number) => ({
  name: `probe_${n}`,
  text: `SELECT $1::int + ${n} AS "v${n}"`,
  values: [1],
});

// The tenant pools' pg Client against a real PostgreSQL: named statements beyond the cap are DEALLOCATEd on
// the server and forgotten by pg, so a connection never holds more than the cap, however many it meets.
describe('tenant connections keep their prepared statements bounded', () => {
  const database = `atrium_prep_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  let pool: Pool;
  let budget: ConnectionBudget;

  before(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    budget = new ConnectionBudget({ max: 2, waitMs: 5_000, reclaimIdle: () => false });
    pool = new Pool({
      connectionString: withDatabase(TEST_DATABASE_URL, database),
      max: 2,
      Client: tenantClientClass({ budget, preparedStatementsMax: CAP }) as unknown as new () => Client,
    });
  });
  after(async () => {
    if (pool && !pool.ended) await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('holds at most the cap on each connection through 2,000 distinct statements, answering each right', async () => {
    const clients = [await pool.connect(), await pool.connect()];
    try {
      for (let n = 0; n < 2_000; n++) {
        const client = clients[n % 2];
        const { rows } = await client.query(shape(n));
        assert.deepEqual(rows, [{ [`v${n}`]: 1 + n }]);
      }
      for (const client of clients) {
        const names = await preparedOn(client);
        assert.ok(names.length <= CAP, `${names.length} prepared statements on one connection`);
        const memory = (client as unknown as { connection: { parsedStatements: object } }).connection;
        assert.ok(Object.keys(memory.parsedStatements).length <= CAP, 'pg forgets what the server dropped');
      }
    } finally {
      for (const client of clients) client.release();
    }
  });

  it('keeps the statement run all the time, and prepares a dropped one again when it comes back', async () => {
    const client = await pool.connect();
    try {
      for (let n = 0; n < 200; n++) {
        await client.query(shape(10_000 + n));
        assert.deepEqual((await client.query(shape(7))).rows, [{ v7: 8 }]);
      }
      assert.ok((await preparedOn(client)).includes('probe_7'));
      // probe_10000 was dropped long ago: running it again prepares it again instead of failing.
      assert.deepEqual((await client.query(shape(10_000))).rows, [{ v10000: 10_001 }]);
      assert.ok((await preparedOn(client)).length <= CAP);
    } finally {
      client.release();
    }
  });

  it('drops statements inside a transaction without disturbing it', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TEMP TABLE marks (n int) ON COMMIT DROP');
      for (let n = 0; n < 50; n++) {
        await client.query(shape(20_000 + n));
        await client.query('INSERT INTO marks VALUES ($1)', [n]);
      }
      const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM marks');
      await client.query('COMMIT');
      assert.equal(rows[0].count, '50');
      assert.ok((await preparedOn(client)).length <= CAP);
    } finally {
      client.release();
    }
  });

  it('counts every open connection against the budget and gives slots back when they end', async () => {
    assert.equal(budget.inUse, pool.totalCount);
    await pool.end();
    // pg announces a connection's end on the tick after the pool's end resolves.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(budget.inUse, 0);
  });
});
