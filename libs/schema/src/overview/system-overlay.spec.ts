import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assembleSchemaOverview } from './assemble-schema-overview';
import type { ColumnRow, ForeignKeyRow, IntrospectionRows } from './introspection-queries';
import { SYSTEM_RELATIONS } from './system-overlay';

function column(table: string, name: string, udt = 'uuid'): ColumnRow {
  return {
    table,
    name,
    data_type: udt,
    udt_name: udt,
    default_expression: null,
    generation_expression: null,
    is_nullable: name !== 'id',
    is_identity: false,
    max_length: null,
    numeric_precision: null,
    numeric_scale: null,
    comment: null,
  };
}

function fk(table: string, name: string, target: string): ForeignKeyRow {
  return {
    table,
    column: name,
    foreign_key_table: target,
    foreign_key_column: 'id',
    constraint_name: `${table}_${name}_foreign`,
    on_update: 'a',
    on_delete: 'n',
  };
}

/** A few system tables as the tenant migration creates them, and one user table pointing at users. */
function rows(extra: Partial<IntrospectionRows> = {}): IntrospectionRows {
  const tables = [
    'directus_users',
    'directus_roles',
    'directus_access',
    'directus_policies',
    'directus_activity',
  ];
  return {
    version: [{ version: '1' }],
    tables: [...tables, 'articles'].map((name) => ({ name, kind: 'r', comment: null })),
    columns: [
      ...tables.map((table) => column(table, 'id', table === 'directus_activity' ? 'int4' : 'uuid')),
      column('directus_users', 'password', 'varchar'),
      column('directus_users', 'token', 'varchar'),
      column('directus_users', 'tfa_secret', 'varchar'),
      column('directus_users', 'tags', 'json'),
      column('directus_users', 'role'),
      column('directus_users', 'avatar'),
      column('directus_roles', 'parent'),
      column('directus_access', 'role'),
      column('directus_access', 'user'),
      column('directus_access', 'policy'),
      column('directus_policies', 'ip_access', 'text'),
      column('directus_activity', 'user'),
      column('articles', 'id'),
      column('articles', 'author'),
    ],
    indexes: [...tables, 'articles'].map((table) => ({
      table,
      column: 'id',
      is_primary_key: true,
      is_unique: true,
      is_indexed: false,
    })),
    foreignKeys: [
      fk('directus_users', 'role', 'directus_roles'),
      fk('directus_access', 'policy', 'directus_policies'),
      fk('articles', 'author', 'directus_users'),
    ],
    collectionMeta: [],
    fieldMeta: [{ id: 7, collection: 'articles', field: 'author', special: 'm2o' }],
    relationMeta: [
      { id: 3, many_collection: 'articles', many_field: 'author', one_collection: 'directus_users' },
    ],
    ...extra,
  };
}

describe('the system overlay', () => {
  const overview = assembleSchemaOverview(rows());
  const users = overview.collections.directus_users;
  const relation = (collection: string, field: string) =>
    overview.relations.filter((r) => r.collection === collection && r.field === field);

  const specials: Array<[string, string, string[], string]> = [
    ['directus_users', 'password', ['hash', 'conceal'], 'hash'],
    ['directus_users', 'token', ['conceal'], 'string'],
    ['directus_users', 'tfa_secret', ['conceal'], 'string'],
    ['directus_users', 'tags', ['cast-json'], 'json'],
    ['directus_users', 'role', ['m2o'], 'uuid'],
    ['directus_policies', 'ip_access', ['cast-csv'], 'csv'],
  ];
  for (const [collection, field, special, type] of specials) {
    it(`gives ${collection}.${field} ${special.join(',')} (type ${type})`, () => {
      const target = overview.collections[collection].fields[field];
      assert.deepEqual(target.meta?.special, special);
      assert.equal(target.meta?.id, null, 'no directus_fields row behind it');
      assert.equal(target.type, type);
    });
  }

  it('leaves fields it says nothing about without meta', () => {
    assert.equal(users.fields.avatar.meta, null);
  });

  const aliases: Array<[string, string, string]> = [
    ['directus_roles', 'users', 'o2m'],
    ['directus_roles', 'children', 'o2m'],
    ['directus_roles', 'policies', 'm2m'],
    ['directus_users', 'policies', 'm2m'],
    ['directus_policies', 'roles', 'm2m'],
    ['directus_policies', 'users', 'm2m'],
  ];
  for (const [collection, field, special] of aliases) {
    it(`adds the ${special} alias ${collection}.${field}`, () => {
      const alias = overview.collections[collection].fields[field];
      assert.equal(alias.type, 'alias');
      assert.equal(alias.schema, null);
      assert.deepEqual(alias.meta?.special, [special]);
    });
  }

  it('describes foreign keys as Directus relations, keeping the constraint', () => {
    const [role] = relation('directus_users', 'role');
    assert.equal(role.related_collection, 'directus_roles');
    assert.equal(role.schema?.constraint_name, 'directus_users_role_foreign');
    assert.equal(role.meta?.one_field, 'users');
    assert.equal(role.meta?.id, null);
  });

  it('adds relations the migration declared no foreign key for', () => {
    const [user] = relation('directus_activity', 'user');
    assert.equal(user.related_collection, 'directus_users');
    assert.equal(user.schema, null);
    assert.equal(user.meta?.one_field, null);
    assert.equal(relation('directus_roles', 'parent')[0].meta?.one_field, 'children');
  });

  it('makes directus_access.policy the junction of both roles and users of a policy', () => {
    const policy = relation('directus_access', 'policy');
    assert.deepEqual(
      policy.map((r) => [r.meta?.one_field, r.meta?.junction_field, r.schema?.constraint_name]),
      [
        ['roles', 'role', 'directus_access_policy_foreign'],
        ['users', 'user', 'directus_access_policy_foreign'],
      ],
    );
    assert.equal(relation('directus_access', 'role')[0].meta?.sort_field, 'sort');
  });

  it('skips relations to tables or columns the project lacks', () => {
    assert.deepEqual(relation('directus_users', 'avatar'), [], 'no directus_files table');
    assert.deepEqual(relation('directus_revisions', 'activity'), []);
    assert.equal(overview.collections.directus_activity.fields.revisions, undefined);
    const applied = overview.relations.filter((r) => r.collection.startsWith('directus_')).length;
    assert.ok(applied < SYSTEM_RELATIONS.length);
  });

  it('leaves user collections and their relations as stored', () => {
    assert.equal(overview.collections.articles.fields.author.meta?.id, 7);
    assert.deepEqual(
      relation('articles', 'author').map((r) => r.meta?.id),
      [3],
    );
    assert.equal(overview.collections.articles.fields.id.meta, null);
  });

  it('lets a stored row win over the overlay', () => {
    const stored = assembleSchemaOverview(
      rows({
        fieldMeta: [{ id: 9, collection: 'directus_users', field: 'tags', special: 'cast-csv' }],
        relationMeta: [
          { id: 4, many_collection: 'directus_users', many_field: 'role', one_collection: 'directus_roles' },
        ],
      }),
    );
    assert.deepEqual(stored.collections.directus_users.fields.tags.meta?.special, ['cast-csv']);
    const roles = stored.relations.filter((r) => r.collection === 'directus_users' && r.field === 'role');
    assert.deepEqual(
      roles.map((r) => r.meta?.id),
      [4],
    );
  });
});
