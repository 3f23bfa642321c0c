import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { TemplateDatabases, withDatabase } from '@atrium/tenancy';
import { TestApp } from '../support/test-app';

describe('/server/projects', () => {
  let t: TestApp;
  before(async () => {
    t = await TestApp.start();
  });
  after(async () => {
    await t?.close();
  });

  it('provisions a project with its database, admin user and settings', async () => {
    const started = Date.now();
    const created = await t.createProject('acme', { name: 'Acme Inc.' });
    const elapsed = Date.now() - started;
    assert.equal(created.status, 201);
    assert.equal(created.body.data.key, 'acme');
    assert.equal(created.body.data.name, 'Acme Inc.');
    assert.equal(created.body.data.status, 'active');
    assert.equal(created.body.data.database, 'default');
    assert.equal(created.body.data.collection_count, 0);
    assert.equal(created.body.data.entry_count, 0);
    assert.ok(created.body.data.size > 0);
    assert.deepEqual(created.body.data.quota, { type: 'NONE', size: null });
    assert.ok(elapsed < 5000, `provisioning took ${elapsed} ms`);

    const db = await t.tenantClient('acme');
    try {
      const users = await db.query('SELECT email, password, status FROM directus_users');
      assert.equal(users.rows.length, 1);
      assert.equal(users.rows[0].email, 'admin@acme.test');
      assert.match(users.rows[0].password, /^\$argon2id\$/);
      const policies = await db.query(
        `SELECT p.admin_access FROM directus_access a JOIN directus_policies p ON p.id = a.policy
         JOIN directus_roles r ON r.id = a.role JOIN directus_users u ON u.role = r.id`,
      );
      assert.deepEqual(policies.rows, [{ admin_access: true }]);
      const settings = await db.query('SELECT project_name FROM directus_settings');
      assert.deepEqual(settings.rows, [{ project_name: 'Acme Inc.' }]);
    } finally {
      await db.end();
    }
  });

  it('lists projects with their stats', async () => {
    const res = await t.admin('GET', '/server/projects');
    assert.equal(res.status, 200);
    const acme = res.body.data.find((p: { key: string }) => p.key === 'acme');
    assert.ok(acme);
    for (const field of [
      'collection_count',
      'entry_count',
      'size',
      'file_count',
      'oldest_record',
      'latest_record',
      'quota',
      'created_at',
      'database',
    ]) {
      assert.ok(field in acme, `missing ${field}`);
    }
  });

  it('answers 400 RECORD_NOT_UNIQUE for a taken key', async () => {
    const res = await t.admin('POST', '/server/projects', {
      body: { project: 'acme', admin_email: 'x@example.com', admin_password: 'password-123' },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].extensions.code, 'RECORD_NOT_UNIQUE');
  });

  for (const key of ['Bad Key!', 'server', '../x', 'a'.repeat(80), '', 'auth']) {
    it(`rejects the key ${JSON.stringify(key)} with 400 INVALID_PAYLOAD`, async () => {
      const res = await t.admin('POST', '/server/projects', {
        body: { project: key, admin_email: 'x@example.com', admin_password: 'password-123' },
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.errors[0].extensions.code, 'INVALID_PAYLOAD');
    });
  }

  it('rejects malformed bodies with 400 INVALID_PAYLOAD', async () => {
    for (const rawBody of ['{bad', '[]', '"text"', 'null', '{"project": 5}', '{"project":"okkey"}']) {
      const res = await t.admin('POST', '/server/projects', {
        rawBody,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(res.status, 400, `${rawBody}: ${res.text}`);
      assert.equal(res.body.errors[0].extensions.code, 'INVALID_PAYLOAD', rawBody);
    }
  });

  it('requires the super-admin token', async () => {
    const anonymous = await t.request('GET', '/server/projects');
    assert.equal(anonymous.status, 403);
    assert.equal(anonymous.body.errors[0].extensions.code, 'FORBIDDEN');
    const wrong = await t.request('GET', '/server/projects', { token: 'nope' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.errors[0].extensions.code, 'INVALID_CREDENTIALS');
    const viaQuery = await t.request(
      'GET',
      `/server/projects?super_admin_token=${encodeURIComponent('test-super-admin-token-0123456789abcdef')}`,
    );
    assert.equal(viaQuery.status, 200);
  });

  it('suspends, resumes and deletes a project', async () => {
    await t.createProject('temp');
    assert.equal((await t.request('GET', '/temp/server/ping')).status, 200);
    const files = path.join(t.config.storageLocalRoot, 'temp');
    mkdirSync(files, { recursive: true });
    writeFileSync(path.join(files, 'a.txt'), 'bytes');
    const suspended = await t.admin('PATCH', '/server/projects/temp', { body: { status: 'suspended' } });
    assert.equal(suspended.status, 200);
    assert.equal(suspended.body.data.status, 'suspended');
    const unavailable = await t.request('GET', '/temp/server/ping');
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.body.errors[0].extensions.code, 'SERVICE_UNAVAILABLE');
    await t.admin('PATCH', '/server/projects/temp', { body: { status: 'active', name: 'Renamed' } });
    assert.equal((await t.request('GET', '/temp/server/ping')).status, 200);

    const deleted = await t.admin('DELETE', '/server/projects/temp');
    assert.equal(deleted.status, 204);
    assert.equal((await t.request('GET', '/temp/server/ping')).status, 404);
    assert.equal((await t.admin('GET', '/server/projects/temp')).status, 404);
    const admin = await import('pg').then(
      ({ Client }) => new Client({ connectionString: t.config.databaseUrl }),
    );
    await admin.connect();
    const dbs = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      `${t.config.tenantDbPrefix}temp`,
    ]);
    await admin.end();
    assert.equal(dbs.rowCount, 0);
    assert.equal(existsSync(files), false);
  });

  it('provisions different keys concurrently', async () => {
    const keys = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const results = await Promise.all(
      keys.map((key) =>
        t.admin('POST', '/server/projects', {
          body: { project: key, admin_email: `a@${key}.io`, admin_password: 'password-123' },
        }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      keys.map(() => 201),
    );
  });

  it('answers one 201 and one RECORD_NOT_UNIQUE for the same key twice at once', async () => {
    const body = { project: 'twice', admin_email: 'a@b.io', admin_password: 'password-123' };
    const results = await Promise.all([
      t.admin('POST', '/server/projects', { body }),
      t.admin('POST', '/server/projects', { body }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 400]);
    assert.equal(results.find((r) => r.status === 400)!.body.errors[0].extensions.code, 'RECORD_NOT_UNIQUE');
  });

  it('rolls everything back when a step fails after the database was created', async () => {
    // Plant a failure in the template: every copy of it then fails while its rows are seeded.
    const template = t.app.get(TemplateDatabases).templateName();
    const sabotage = async (sql: string) => {
      const client = new Client({ connectionString: withDatabase(t.config.databaseUrl, template) });
      await client.connect();
      await client.query(sql);
      await client.end();
    };
    await sabotage(`CREATE FUNCTION atrium_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$;
      CREATE TRIGGER atrium_fail BEFORE INSERT ON directus_settings FOR EACH ROW EXECUTE FUNCTION atrium_fail()`);
    try {
      const failed = await t.admin('POST', '/server/projects', {
        body: { project: 'broken', admin_email: 'a@broken.io', admin_password: 'password-123' },
      });
      assert.equal(failed.status, 500);
      assert.equal(failed.body.errors[0].extensions.code, 'INTERNAL_SERVER_ERROR');
      assert.doesNotMatch(failed.text, /boom|directus_settings/);

      const admin = new Client({ connectionString: t.config.databaseUrl });
      await admin.connect();
      const databases = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        `${t.config.tenantDbPrefix}broken`,
      ]);
      const rows = await admin.query("SELECT 1 FROM atrium_projects WHERE key = 'broken'");
      await admin.end();
      assert.equal(databases.rowCount, 0, 'orphan database left behind');
      assert.equal(rows.rowCount, 0, 'registry row left behind');
      assert.equal((await t.admin('GET', '/server/projects/broken')).status, 404);
    } finally {
      await sabotage('DROP TRIGGER atrium_fail ON directus_settings; DROP FUNCTION atrium_fail()');
    }
    // The key is free again.
    assert.equal((await t.createProject('broken')).status, 201);
  });

  it('answers 413 for oversized bodies and 415 for unsupported media types', async () => {
    const big = await t.admin('POST', '/server/projects', {
      rawBody: JSON.stringify({ project: 'x'.repeat(2_000_000) }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(big.status, 413);
    assert.equal(big.body.errors[0].extensions.code, 'CONTENT_TOO_LARGE');
    const text = await t.admin('POST', '/server/projects', {
      rawBody: 'project=x',
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(text.status, 415);
    assert.equal(text.body.errors[0].extensions.code, 'UNSUPPORTED_MEDIA_TYPE');
  });
});
