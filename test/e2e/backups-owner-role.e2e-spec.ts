import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { withDatabase } from '@atrium/tenancy';
import { sendFile } from '../system-data/multipart-fixture';
import { projectWithAdmin, tenantRows } from '../system-data/system-data-fixture';
import { TestApp } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-env';

/** A login that may create databases and owns what it creates, and nothing more: what managed PostgreSQL gives. */
const OWNER = 'atrium_test_db_owner';

describe('restoring a backup on a tenant server where Atrium is not a superuser', () => {
  let t: TestApp;
  let token: string;

  before(async () => {
    const admin = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, 'postgres') });
    await admin.connect();
    try {
      // Test files run in parallel: another may be creating the same role.
      await admin
        .query(`CREATE ROLE ${OWNER} LOGIN CREATEDB NOSUPERUSER`)
        .catch((error: { code?: string }) => {
          if (error.code !== '42710' && error.code !== '23505') throw error;
        });
    } finally {
      await admin.end();
    }
    const server = new URL(TEST_DATABASE_URL);
    server.username = OWNER;
    server.password = '';
    t = await TestApp.start({ TENANT_DB_SERVERS: `default=${server.toString()}` });
    token = await projectWithAdmin(t, 'owned');
    const uploaded = await sendFile(t, token, '/owned/files', {
      filename: 'a.txt',
      type: 'text/plain',
      content: Buffer.from('owned bytes'),
    });
    assert.equal(uploaded.status, 200, uploaded.text);
  });
  after(async () => t?.close());

  it('loads the rows with keys and triggers off, checks the keys again and keeps the storage totals', async () => {
    // Provisioned (and restored, below) through the server's URL: the database is the owner role's.
    const owner = async () =>
      (
        await tenantRows<{ owner: string }>(
          t,
          'owned',
          'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()',
        )
      )[0].owner;
    assert.equal(await owner(), OWNER);
    const totals = async (project: string) =>
      tenantRows(t, project, 'SELECT file_count, file_bytes FROM atrium_storage_usage');
    const before = await totals('owned');
    assert.equal((await t.admin('DELETE', '/server/projects/owned')).status, 204);
    const [final] = (await t.admin('GET', '/server/projects/owned/backups')).body.data;
    assert.equal(final.status, 'done', final.error);
    const restored = await t.admin('POST', '/server/projects', {
      body: { project: 'owned', from_backup: final.id },
    });
    assert.equal(restored.status, 201, restored.text);
    assert.equal(await owner(), OWNER);
    assert.deepEqual(await totals('owned'), before, 'the totals are the backup’s, not counted twice');
    const keys = await tenantRows<{ n: number }>(
      t,
      'owned',
      "SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f' AND convalidated",
    );
    assert.ok(keys[0].n > 10, 'the foreign keys are back, and valid');
    const files = await t.request('GET', '/owned/files', { token });
    assert.equal(files.status, 200, files.text);
    assert.equal(files.body.data.length, 1);
  });
});
