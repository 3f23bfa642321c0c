import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProjectRegistry, TenantConnectionManager } from '@atrium/tenancy';
import type { PoolClient } from 'pg';
import { READ_STATEMENT_NAMES } from '../../libs/items/src/read/statement-names';
import { TestApp } from '../support/test-app';

const CAP = 20;
const SHAPES = 1_500;
const ROWS = 30;

// A client sending thousands of distinct queries (here: each its own column alias) through the items API:
// every tenant connection keeps at most TENANT_PREPARED_STATEMENTS_MAX prepared statements, this process's
// statement names stay bounded, and every answer is still right.
describe('prepared statements stay bounded under thousands of distinct reads', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await TestApp.start({ TENANT_PREPARED_STATEMENTS_MAX: String(CAP), TENANT_POOL_SIZE: '2' });
    await t.createProject('prep');
    const login = await t.request('POST', '/prep/auth/login', {
      body: { email: 'admin@prep.test', password: 'password-123' },
    });
    token = login.body.data.access_token;
    const created = await t.request('POST', '/prep/collections', {
      token,
      body: {
        collection: 'articles',
        fields: [
          { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
          { field: 'title', type: 'string', schema: {} },
        ],
      },
    });
    assert.equal(created.status, 200, created.text);
    const db = await t.tenantClient('prep');
    try {
      await db.query(`INSERT INTO articles (title) SELECT 'T' || i FROM generate_series(1, ${ROWS}) AS i`);
    } finally {
      await db.end();
    }
  });
  after(async () => {
    await t?.close();
  });

  const read = async (n: number) => {
    const id = (n % ROWS) + 1;
    const response = await t.request(
      'GET',
      `/prep/items/articles?fields=id,a${n}&alias[a${n}]=title&filter[id][_eq]=${id}`,
      { token },
    );
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body.data, [{ id, [`a${n}`]: `T${id}` }]);
  };

  it(`answers ${SHAPES} distinct shapes, each twice, right every time`, async () => {
    let next = 0;
    // Two at a time, so both connections of the pool meet the shapes.
    const worker = async () => {
      while (next < SHAPES) {
        const n = next++;
        await read(n);
        await read(n);
      }
    };
    await Promise.all([worker(), worker()]);
  });

  it('keeps each tenant connection within the cap, and the process’s names bounded', async () => {
    const connections = t.app.get(TenantConnectionManager);
    const project = await t.app.get(ProjectRegistry).findFresh('prep');
    assert.ok(project);
    await connections.withPool(project, async (pool) => {
      assert.ok(pool.totalCount >= 1);
      // Every connection of the pool at once, so each is asked about its own session's statements.
      const clients: PoolClient[] = [];
      try {
        while (clients.length < pool.totalCount) clients.push(await pool.connect());
        for (const client of clients) {
          const { rows } = await client.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_prepared_statements',
          );
          assert.ok(rows[0].n <= CAP, `${rows[0].n} prepared statements on one tenant connection`);
          assert.ok(rows[0].n > 0, 'the reads were prepared at all');
        }
      } finally {
        for (const client of clients) client.release();
      }
    });
    const { named, seenOnce } = READ_STATEMENT_NAMES.size;
    assert.ok(named <= 500 && seenOnce <= 5_000, `${named} named texts, ${seenOnce} seen once`);
  });

  it('still reads a hot shape after the flood, as a prepared statement', async () => {
    await read(3);
    await read(3);
    assert.equal((await t.request('GET', '/prep/items/articles?limit=5', { token })).body.data.length, 5);
  });
});
