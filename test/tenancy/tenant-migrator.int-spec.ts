import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { Client } from 'pg';
import { TENANT_MIGRATIONS, TENANT_MIGRATIONS_TABLE } from '@atrium/tenant-migrations';
import {
  latestTenantMigrationName,
  migrateTenantDatabase,
  pendingTenantMigrations,
} from '../../libs/tenancy/src/migrations';
import { describeServer, withDatabase } from '../../libs/tenancy/src/database/pg-connection';
import { TEST_DATABASE_URL } from '../support/test-env';
import { undoTenantMigrations } from '../support/undo-tenant-migrations';

const DATABASE = `atrium_test_migrator_${process.pid}_${Date.now().toString(36)}`;
const TENANT_URL = withDatabase(TEST_DATABASE_URL, DATABASE);
const ALL_NAMES = TENANT_MIGRATIONS.map((Migration) => new Migration().name ?? Migration.name);

/** Key columns of every system table: the ones the API reads, Directus clients see, or the brief names. */
const KEY_COLUMNS: Record<string, string[]> = {
  directus_roles: ['id', 'name', 'icon', 'description', 'parent'],
  directus_policies: [
    'id',
    'name',
    'icon',
    'description',
    'ip_access',
    'enforce_tfa',
    'admin_access',
    'app_access',
  ],
  directus_access: ['id', 'role', 'user', 'policy', 'sort'],
  directus_users: [
    'id',
    'first_name',
    'last_name',
    'email',
    'password',
    'avatar',
    'language',
    'tfa_secret',
    'status',
    'role',
    'token',
    'last_access',
    'last_page',
    'provider',
    'external_identifier',
    'auth_data',
    'appearance',
  ],
  directus_permissions: [
    'id',
    'policy',
    'collection',
    'action',
    'permissions',
    'validation',
    'presets',
    'fields',
  ],
  directus_sessions: ['token', 'user', 'expires', 'ip', 'user_agent', 'share', 'origin', 'next_token'],
  directus_collections: [
    'collection',
    'icon',
    'note',
    'hidden',
    'singleton',
    'accountability',
    'group',
    'sort',
  ],
  directus_fields: [
    'id',
    'collection',
    'field',
    'special',
    'interface',
    'options',
    'sort',
    'group',
    'validation',
  ],
  directus_relations: [
    'id',
    'many_collection',
    'many_field',
    'one_collection',
    'one_field',
    'junction_field',
  ],
  directus_files: [
    'id',
    'storage',
    'filename_disk',
    'filename_download',
    'title',
    'type',
    'folder',
    'uploaded_by',
    'created_on',
    'modified_on',
    'filesize',
    'width',
    'height',
    'metadata',
    'focal_point_x',
    'tus_id',
  ],
  directus_folders: ['id', 'name', 'parent'],
  directus_activity: [
    'id',
    'action',
    'user',
    'timestamp',
    'ip',
    'user_agent',
    'origin',
    'collection',
    'item',
  ],
  directus_revisions: ['id', 'activity', 'collection', 'item', 'data', 'delta', 'parent', 'version'],
  directus_settings: [
    'id',
    'project_name',
    'project_url',
    'project_color',
    'project_logo',
    'public_foreground',
    'public_background',
    'public_favicon',
    'public_note',
    'project_descriptor',
    'default_language',
    'auth_login_attempts',
    'auth_password_policy',
    'storage_asset_transform',
    'storage_asset_presets',
    'storage_default_folder',
    'custom_css',
    'public_registration',
  ],
  directus_presets: ['id', 'bookmark', 'user', 'role', 'collection', 'layout', 'layout_query', 'filter'],
  directus_comments: ['id', 'collection', 'item', 'comment', 'date_created', 'user_created', 'user_updated'],
  directus_versions: [
    'id',
    'key',
    'name',
    'collection',
    'item',
    'hash',
    'date_created',
    'user_created',
    'delta',
  ],
};

/** Foreign keys and their ON DELETE rule, as Directus has them (or as our migration explains it deviates). */
const FOREIGN_KEYS: Record<string, string> = {
  directus_roles_parent_foreign: 'NO ACTION',
  directus_users_role_foreign: 'SET NULL',
  directus_users_avatar_foreign: 'SET NULL',
  directus_access_role_foreign: 'CASCADE',
  directus_access_user_foreign: 'CASCADE',
  directus_access_policy_foreign: 'CASCADE',
  directus_permissions_policy_foreign: 'CASCADE',
  directus_sessions_user_foreign: 'CASCADE',
  directus_collections_group_foreign: 'NO ACTION',
  directus_folders_parent_foreign: 'NO ACTION',
  directus_files_folder_foreign: 'SET NULL',
  directus_files_uploaded_by_foreign: 'SET NULL',
  directus_files_modified_by_foreign: 'SET NULL',
  directus_revisions_activity_foreign: 'CASCADE',
  directus_revisions_parent_foreign: 'SET NULL',
  directus_revisions_version_foreign: 'CASCADE',
  directus_settings_project_logo_foreign: 'SET NULL',
  directus_settings_public_foreground_foreign: 'SET NULL',
  directus_settings_public_background_foreign: 'SET NULL',
  directus_settings_public_favicon_foreign: 'SET NULL',
  directus_settings_storage_default_folder_foreign: 'SET NULL',
  directus_settings_public_registration_role_foreign: 'SET NULL',
  directus_presets_user_foreign: 'CASCADE',
  directus_presets_role_foreign: 'CASCADE',
  directus_comments_user_created_foreign: 'SET NULL',
  directus_comments_user_updated_foreign: 'SET NULL',
  atrium_asset_variants_file_fkey: 'CASCADE',
  directus_versions_user_created_foreign: 'SET NULL',
  directus_versions_user_updated_foreign: 'SET NULL',
};

describe('tenant migrator', () => {
  const admin = new Client({ connectionString: withDatabase(TEST_DATABASE_URL, 'postgres') });
  let tenant: Client | undefined;
  let unavailable: string | undefined;

  before(async () => {
    try {
      await admin.connect();
    } catch (error) {
      unavailable = `PostgreSQL is not reachable at ${describeServer(TEST_DATABASE_URL)} (${(error as Error).message})`;
      return;
    }
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
    tenant = new Client({ connectionString: TENANT_URL });
    await tenant.connect();
  });

  after(async () => {
    await tenant?.end();
    if (!unavailable) {
      await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
      await admin.end();
    }
  });

  /** The scratch database's client, or a skip (with its reason) when there is no PostgreSQL to test on. */
  function db(t: TestContext): Client | undefined {
    if (unavailable) t.skip(unavailable);
    return tenant;
  }

  it('lists every migration as pending on a fresh database', async (t) => {
    const client = db(t);
    if (!client) return;
    assert.deepEqual(await pendingTenantMigrations(client), ALL_NAMES);
    assert.equal(latestTenantMigrationName(), ALL_NAMES[ALL_NAMES.length - 1]);
  });

  it('applies each migration exactly once when two migrators race', async (t) => {
    const client = db(t);
    if (!client) return;
    const messages: string[] = [];
    const logger = { log: (message: string) => messages.push(message) };
    const startedAt = process.hrtime.bigint();
    const results = await Promise.all([
      migrateTenantDatabase({ connectionString: TENANT_URL, logger }),
      migrateTenantDatabase({ connectionString: TENANT_URL, logger }),
    ]);
    const elapsedMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
    t.diagnostic(
      `two concurrent migrateTenantDatabase calls on a fresh database: ${elapsedMs.toFixed(0)} ms`,
    );

    assert.deepEqual([...results[0], ...results[1]].sort(), [...ALL_NAMES].sort());
    assert.ok(
      results.some((applied) => applied.length === 0),
      'the second migrator found nothing to do',
    );
    const { rows } = await client.query(`SELECT name FROM public.${TENANT_MIGRATIONS_TABLE} ORDER BY id`);
    assert.deepEqual(
      rows.map((row) => row.name),
      ALL_NAMES,
    );
    assert.equal(messages.length, 1, 'only the migrator that applied something logs');
    assert.doesNotMatch(messages[0], /postgres:\/\//, 'the log line carries no connection string');
  });

  it('closes its connections, also after both runs', async (t) => {
    const client = db(t);
    if (!client) return;
    const { rows } = await client.query(
      `SELECT count(*)::int AS open FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'atrium-tenant-migrator'`,
    );
    assert.equal(rows[0].open, 0);
  });

  it('creates every system table with its key columns', async (t) => {
    const client = db(t);
    if (!client) return;
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name LIKE 'directus\\_%'`,
    );
    const columns = new Map<string, Set<string>>();
    for (const row of rows) {
      if (!columns.has(row.table_name)) columns.set(row.table_name, new Set());
      columns.get(row.table_name)!.add(row.column_name);
    }
    assert.deepEqual([...columns.keys()].sort(), Object.keys(KEY_COLUMNS).sort());
    for (const [table, expected] of Object.entries(KEY_COLUMNS)) {
      const missing = expected.filter((column) => !columns.get(table)!.has(column));
      assert.deepEqual(missing, [], `${table} lacks columns`);
    }
  });

  it('creates the foreign keys with their ON DELETE rules', async (t) => {
    const client = db(t);
    if (!client) return;
    const { rows } = await client.query<{ constraint_name: string; delete_rule: string }>(
      `SELECT tc.constraint_name, rc.delete_rule
         FROM information_schema.table_constraints tc
         JOIN information_schema.referential_constraints rc
           ON rc.constraint_schema = tc.constraint_schema AND rc.constraint_name = tc.constraint_name
        WHERE tc.table_schema = 'public' AND tc.constraint_type = 'FOREIGN KEY'`,
    );
    const actual = Object.fromEntries(rows.map((row) => [row.constraint_name, row.delete_rule]));
    assert.deepEqual(actual, FOREIGN_KEYS);
  });

  it('seeds the empty public policy with a role-less, user-less access row', async (t) => {
    const client = db(t);
    if (!client) return;
    const { rows } = await client.query(
      `SELECT p.name, p.icon, p.admin_access, p.app_access, p.enforce_tfa, p.ip_access,
              (SELECT count(*)::int FROM directus_permissions WHERE policy = p.id) AS permissions
         FROM directus_access a JOIN directus_policies p ON p.id = a.policy
        WHERE a.role IS NULL AND a."user" IS NULL`,
    );
    assert.deepEqual(rows, [
      {
        name: '$t:public_label',
        icon: 'public',
        admin_access: false,
        app_access: false,
        enforce_tfa: false,
        ip_access: null,
        permissions: 0,
      },
    ]);
  });

  it('gives rows the Directus defaults and keeps emails unique whatever their case', async (t) => {
    const client = db(t);
    if (!client) return;
    await client.query('BEGIN');
    try {
      const settings = await client.query(
        `INSERT INTO directus_settings DEFAULT VALUES
         RETURNING project_name, auth_login_attempts, storage_asset_transform, public_registration`,
      );
      assert.deepEqual(settings.rows[0], {
        project_name: 'Directus',
        auth_login_attempts: 25,
        storage_asset_transform: 'all',
        public_registration: false,
      });
      const user = await client.query(
        `INSERT INTO directus_users (email) VALUES ('Ada@example.com') RETURNING id, status, provider`,
      );
      assert.match(user.rows[0].id, /^[0-9a-f-]{36}$/);
      assert.equal(user.rows[0].status, 'active');
      assert.equal(user.rows[0].provider, 'default');
      await client.query('SAVEPOINT duplicate');
      await assert.rejects(client.query(`INSERT INTO directus_users (email) VALUES ('ada@EXAMPLE.com')`), {
        code: '23505',
      });
      await client.query('ROLLBACK TO SAVEPOINT duplicate');
      const activity = await client.query(
        `INSERT INTO directus_activity (action, collection, item) VALUES ('create', 'articles', '1')
         RETURNING id, "timestamp"`,
      );
      await client.query(
        `INSERT INTO directus_revisions (activity, collection, item, data) VALUES ($1, 'articles', '1', '{}')`,
        [activity.rows[0].id],
      );
      assert.ok(activity.rows[0].timestamp instanceof Date);
      await client.query('DELETE FROM directus_activity WHERE id = $1', [activity.rows[0].id]);
      const revisions = await client.query('SELECT count(*)::int AS n FROM directus_revisions');
      assert.equal(revisions.rows[0].n, 0, 'revisions cascade with their activity');
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('has nothing pending afterwards, and a further run applies nothing', async (t) => {
    const client = db(t);
    if (!client) return;
    assert.deepEqual(await pendingTenantMigrations(client), []);
    assert.deepEqual(await migrateTenantDatabase({ connectionString: TENANT_URL }), []);
  });

  it('reverts cleanly: down() drops every system table', async (t) => {
    const client = db(t);
    if (!client) return;
    await undoTenantMigrations(TENANT_URL);
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM information_schema.tables
        WHERE table_schema = 'public' AND table_name LIKE 'directus\\_%'`,
    );
    assert.equal(rows[0].n, 0);
    assert.deepEqual(await pendingTenantMigrations(client), ALL_NAMES);
    assert.deepEqual(await migrateTenantDatabase({ connectionString: TENANT_URL }), ALL_NAMES);
  });

  it('stops after the migration `through` names, and refuses one it does not know', async (t) => {
    const client = db(t);
    if (!client) return;
    await undoTenantMigrations(TENANT_URL);
    assert.deepEqual(await migrateTenantDatabase({ connectionString: TENANT_URL, through: ALL_NAMES[0] }), [
      ALL_NAMES[0],
    ]);
    assert.deepEqual(await pendingTenantMigrations(client), ALL_NAMES.slice(1));
    await assert.rejects(
      migrateTenantDatabase({ connectionString: TENANT_URL, through: 'NoSuchMigration1' }),
      /unknown tenant migration NoSuchMigration1/,
    );
    assert.deepEqual(
      await pendingTenantMigrations(client),
      ALL_NAMES.slice(1),
      'an unknown name applies nothing',
    );
    assert.deepEqual(await migrateTenantDatabase({ connectionString: TENANT_URL }), ALL_NAMES.slice(1));
  });

  it('propagates connection errors', async (t) => {
    if (!db(t)) return;
    await assert.rejects(migrateTenantDatabase({ connectionString: `${TENANT_URL}_missing` }), {
      code: '3D000',
    });
  });
});
