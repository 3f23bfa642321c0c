import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assembleSchemaOverview, referentialAction } from './assemble-schema-overview';
import type { ColumnRow, IntrospectionRows } from './introspection-queries';

function column(table: string, name: string, extra: Partial<ColumnRow> = {}): ColumnRow {
  return {
    table,
    name,
    data_type: 'integer',
    udt_name: 'int4',
    default_expression: null,
    generation_expression: null,
    is_nullable: true,
    is_identity: false,
    max_length: null,
    numeric_precision: 32,
    numeric_scale: 0,
    comment: null,
    ...extra,
  };
}

function rows(extra: Partial<IntrospectionRows> = {}): IntrospectionRows {
  return {
    version: [{ version: '7' }],
    tables: [
      { name: 'articles', kind: 'r', comment: 'news' },
      { name: 'authors', kind: 'r', comment: null },
      { name: 'directus_users', kind: 'r', comment: null },
    ],
    columns: [
      column('articles', 'id', {
        is_nullable: false,
        default_expression: "nextval('articles_id_seq'::regclass)",
      }),
      column('articles', 'title', {
        data_type: 'character varying',
        udt_name: 'varchar',
        max_length: 200,
        numeric_precision: null,
        numeric_scale: null,
        default_expression: "'untitled'::character varying",
      }),
      column('articles', 'author', { data_type: 'uuid', udt_name: 'uuid', numeric_precision: null }),
      column('articles', 'tags', { data_type: 'text', udt_name: 'text', numeric_precision: null }),
      column('authors', 'id', { data_type: 'uuid', udt_name: 'uuid', is_nullable: false }),
      column('directus_users', 'id', { data_type: 'uuid', udt_name: 'uuid', is_nullable: false }),
    ],
    indexes: [
      { table: 'articles', column: 'id', is_primary_key: true, is_unique: true, is_indexed: false },
      { table: 'articles', column: 'title', is_primary_key: false, is_unique: false, is_indexed: true },
      { table: 'authors', column: 'id', is_primary_key: true, is_unique: true, is_indexed: false },
    ],
    foreignKeys: [
      {
        table: 'articles',
        column: 'author',
        foreign_key_table: 'authors',
        foreign_key_column: 'id',
        constraint_name: 'articles_author_foreign',
        on_update: 'a',
        on_delete: 'n',
      },
    ],
    collectionMeta: [
      { collection: 'articles', icon: 'article', hidden: false, singleton: false, collapse: 'open' },
      { collection: 'content', icon: 'folder', hidden: false, singleton: false, collapse: 'open' },
    ],
    fieldMeta: [
      { id: 1, collection: 'articles', field: 'tags', special: 'cast-csv', required: null, width: 'full' },
      { id: 2, collection: 'authors', field: 'articles', special: 'o2m', interface: 'list-o2m' },
      { id: 3, collection: 'articles', field: 'gone', special: null },
      { id: 4, collection: 'nowhere', field: 'x', special: 'alias,no-data' },
    ],
    relationMeta: [],
    ...extra,
  };
}

describe('assembleSchemaOverview', () => {
  it('describes tables, folders, fields and the version', () => {
    const overview = assembleSchemaOverview(rows());
    assert.equal(overview.version, 7);
    assert.deepEqual(Object.keys(overview.collections), ['articles', 'authors', 'content', 'directus_users']);

    const articles = overview.collections.articles;
    assert.deepEqual(articles.schema, { name: 'articles', comment: 'news' });
    assert.equal(articles.meta?.icon, 'article');
    assert.equal(articles.meta?.archive_app_filter, true);
    assert.equal(articles.primary, 'id');
    assert.equal(articles.system, false);
    assert.deepEqual(Object.keys(articles.fields), ['id', 'title', 'author', 'tags']);

    const id = articles.fields.id;
    assert.equal(id.type, 'integer');
    assert.equal(id.schema?.has_auto_increment, true);
    assert.equal(id.schema?.is_primary_key, true);
    assert.equal(id.schema?.is_unique, true);
    assert.equal(id.schema?.default_value, "nextval('articles_id_seq'::regclass)");
    assert.equal(articles.fields.title.schema?.default_value, 'untitled');
    assert.equal(articles.fields.title.schema?.is_indexed, true);
    assert.equal(articles.fields.title.schema?.max_length, 200);
    assert.equal(articles.fields.author.schema?.foreign_key_table, 'authors');
    assert.equal(articles.fields.author.schema?.foreign_key_column, 'id');

    const tags = articles.fields.tags;
    assert.equal(tags.type, 'csv');
    assert.deepEqual(tags.meta?.special, ['cast-csv']);
    assert.equal(tags.meta?.required, false);
    assert.equal(tags.meta?.searchable, true);

    const authors = overview.collections.authors;
    assert.equal(authors.meta, null);
    assert.deepEqual(authors.fields.articles, {
      collection: 'authors',
      field: 'articles',
      type: 'alias',
      schema: null,
      meta: authors.fields.articles.meta,
    });
    assert.equal(authors.fields.articles.meta?.interface, 'list-o2m');

    const folder = overview.collections.content;
    assert.equal(folder.schema, null);
    assert.equal(folder.primary, null);
    assert.deepEqual(folder.fields, {});

    assert.equal(overview.collections.directus_users.system, true);
    assert.equal(overview.collections.nowhere, undefined);
    assert.equal(articles.fields.gone, undefined, 'a meta row without a column is not a field');
  });

  it('reports foreign keys without meta as relations with meta null', () => {
    const overview = assembleSchemaOverview(rows());
    assert.deepEqual(overview.relations, [
      {
        collection: 'articles',
        field: 'author',
        related_collection: 'authors',
        schema: {
          table: 'articles',
          column: 'author',
          foreign_key_table: 'authors',
          foreign_key_column: 'id',
          constraint_name: 'articles_author_foreign',
          on_update: 'NO ACTION',
          on_delete: 'SET NULL',
        },
        meta: null,
      },
    ]);
  });

  it('joins relation rows to their foreign keys and keeps m2a rows without one', () => {
    const overview = assembleSchemaOverview(
      rows({
        relationMeta: [
          {
            id: 1,
            many_collection: 'articles',
            many_field: 'author',
            one_collection: 'authors',
            one_field: 'articles',
            one_deselect_action: 'nullify',
          },
          {
            id: 2,
            many_collection: 'articles',
            many_field: 'tags',
            one_collection: null,
            one_collection_field: 'collection',
            one_allowed_collections: 'authors,articles',
            one_deselect_action: 'nullify',
          },
          { id: 3, many_collection: 'missing', many_field: 'x', one_collection: 'authors' },
        ],
      }),
    );
    assert.equal(overview.relations.length, 2);
    const [m2o, m2a] = overview.relations;
    assert.equal(m2o.meta?.one_field, 'articles');
    assert.equal(m2o.schema?.constraint_name, 'articles_author_foreign');
    assert.equal(m2a.related_collection, null);
    assert.equal(m2a.schema, null);
    assert.deepEqual(m2a.meta?.one_allowed_collections, ['authors', 'articles']);
  });

  it('freezes everything it returns', () => {
    const overview = assembleSchemaOverview(rows());
    assert.ok(Object.isFrozen(overview));
    assert.ok(Object.isFrozen(overview.collections));
    assert.ok(Object.isFrozen(overview.collections.articles.fields.tags.meta?.special));
    assert.ok(Object.isFrozen(overview.relations[0].schema));
    assert.throws(() => {
      (overview.collections.articles as { primary: string | null }).primary = 'title';
    }, TypeError);
  });

  const actions: Array<[string, string]> = [
    ['a', 'NO ACTION'],
    ['r', 'RESTRICT'],
    ['c', 'CASCADE'],
    ['n', 'SET NULL'],
    ['d', 'SET DEFAULT'],
  ];
  for (const [code, words] of actions) {
    it(`names referential action ${code} ${words}`, () => assert.equal(referentialAction(code), words));
  }
});
