import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { SpareDatabases, TemplateDatabases, withDatabase } from '@atrium/tenancy';
import { TestApp } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-env';

/** What a project's database holds that a fresh copy of the template must not differ in. */
const CONTENTS_SQL = `
  SELECT (SELECT count(*) FROM directus_users) AS users, (SELECT count(*) FROM directus_roles) AS roles,
    (SELECT count(*) FROM directus_policies) AS policies, (SELECT count(*) FROM directus_access) AS access,
    (SELECT string_agg(project_name, ',') FROM directus_settings) AS names,
    (SELECT string_agg(email, ',') FROM directus_users) AS emails,
    (SELECT count(*) FROM pg_tables WHERE schemaname = 'public') AS tables`;

/**
 * Provisioning claims a spare database (a copy of the template made in the background) by renaming it, and
 * the project's own rows are written after the claim: a claimed spare is indistinguishable from a fresh copy.
 */
describe('spare tenant databases', () => {
  let t: TestApp;
  let admin: Client;

  /** The spares of the current template on the server, by name, with their oids. */
  const spares = async (): Promise<Map<string, number>> => {
    const { rows } = await admin.query<{ datname: string; oid: number }>(
      'SELECT datname, oid::int AS oid FROM pg_database WHERE starts_with(datname, $1)',
      [t.app.get(TemplateDatabases).sparePrefix()],
    );
    return new Map(rows.map((row) => [row.datname, row.oid]));
  };
  const databaseOid = async (key: string): Promise<number> => {
    const { rows } = await admin.query<{ oid: number }>(
      'SELECT oid::int AS oid FROM pg_database WHERE datname = $1',
      [`${t.config.tenantDbPrefix}${key}`],
    );
    return rows[0].oid;
  };
  const contents = async (key: string) => {
    const db = await t.tenantClient(key);
    try {
      return (await db.query(CONTENTS_SQL)).rows[0];
    } finally {
      await db.end();
    }
  };

  before(async () => {
    t = await TestApp.start({ TENANT_SPARE_DATABASES: '2' });
    admin = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, 'postgres') });
    await admin.connect();
  });
  after(async () => {
    await admin?.end();
    await t?.close();
  });

  it('copies the template while there is no spare, then keeps the configured number ready', async () => {
    await t.createProject('first', { name: 'First' });
    await t.app.get(SpareDatabases).settled();
    assert.equal((await spares()).size, 2);
  });

  it('claims a spare for the next project and writes only that project’s rows into it', async () => {
    const before = await spares();
    const created = await t.createProject('second', { name: 'Second' });
    assert.equal(created.body.data.collection_count, 0);
    assert.ok([...before.values()].includes(await databaseOid('second')), 'the database is a renamed spare');
    assert.deepEqual(await contents('second'), {
      ...(await contents('first')),
      names: 'Second',
      emails: 'admin@second.test',
    });
    const login = await t.request('POST', '/second/auth/login', {
      body: { email: 'admin@second.test', password: 'password-123' },
    });
    assert.equal(login.status, 200, login.text);
    await t.app.get(SpareDatabases).settled();
    assert.equal((await spares()).size, 2, 'topped up again');
  });

  it('provisions more projects at once than there are spares', async () => {
    const keys = ['c1', 'c2', 'c3', 'c4'];
    const results = await Promise.all(keys.map((key) => t.createProject(key)));
    assert.deepEqual(
      results.map((r) => r.status),
      keys.map(() => 201),
    );
    const oids = await Promise.all(keys.map(databaseOid));
    assert.equal(new Set(oids).size, keys.length);
    for (const key of keys) assert.equal((await contents(key)).emails, `admin@${key}.test`);
    await t.app.get(SpareDatabases).settled();
  });

  it('skips a spare someone is connected to, and leaves it alone', async () => {
    const ready = await spares();
    const held: Client[] = [];
    try {
      for (const name of ready.keys()) {
        const client = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, name) });
        await client.connect();
        held.push(client);
      }
      await t.createProject('copied');
      const oid = await databaseOid('copied');
      assert.ok(![...ready.values()].includes(oid), 'no spare in use was claimed');
      for (const name of ready.keys()) assert.ok((await spares()).has(name), `${name} is still there`);
    } finally {
      await Promise.all(held.map((client) => client.end()));
    }
    await t.app.get(SpareDatabases).settled();
  });

  it('answers RECORD_NOT_UNIQUE for a taken key without using up a spare', async () => {
    const before = await spares();
    const again = await t.admin('POST', '/server/projects', {
      body: { project: 'first', admin_email: 'a@first.test', admin_password: 'password-123' },
    });
    assert.equal(again.status, 400);
    assert.equal(again.body.errors[0].extensions.code, 'RECORD_NOT_UNIQUE');
    assert.deepEqual(await spares(), before);
  });
});
