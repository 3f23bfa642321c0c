import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { adminCaller, type Caller } from '../items/items-fixture';

/** The relation kinds the blog test does not build: m2a (builder pages) and files (m2o to directus_files). */
describe('schema API: m2a and files relations', () => {
  let t: TestApp;
  let call: Caller;
  let ok: Caller;

  before(async () => {
    t = await TestApp.start();
    await t.createProject('pages');
    ({ call, ok } = await adminCaller(t, 'pages'));
  });
  after(async () => {
    await t?.close();
  });

  it('builds an m2a junction: no foreign key on `item`, allowed collections recorded', async () => {
    await ok('POST', '/collections', { collection: 'headings', fields: [], meta: {} });
    await ok('POST', '/collections', { collection: 'texts', fields: [], meta: {} });
    await ok('POST', '/collections', { collection: 'builder', fields: [], meta: {} });
    await ok('POST', '/collections', {
      collection: 'builder_sections',
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'builder_id', type: 'integer', schema: {} },
        { field: 'item', type: 'string', schema: {} },
        { field: 'collection', type: 'string', schema: {} },
      ],
    });
    await ok('POST', '/fields/builder', { field: 'sections', type: 'alias', meta: { special: ['m2a'] } });
    await ok('POST', '/relations', {
      collection: 'builder_sections',
      field: 'item',
      related_collection: null,
      meta: {
        one_collection_field: 'collection',
        one_allowed_collections: ['headings', 'texts'],
        junction_field: 'builder_id',
      },
    });
    await ok('POST', '/relations', {
      collection: 'builder_sections',
      field: 'builder_id',
      related_collection: 'builder',
      meta: { one_field: 'sections', junction_field: 'item' },
      schema: { on_delete: 'CASCADE' },
    });

    const m2a = await ok('GET', '/relations/builder_sections/item');
    assert.equal(m2a.body.data.related_collection, null);
    assert.equal(m2a.body.data.schema, null, 'an m2a item column has no foreign key');
    assert.deepEqual(m2a.body.data.meta.one_allowed_collections, ['headings', 'texts']);
    assert.equal(m2a.body.data.meta.one_collection_field, 'collection');

    const parent = await ok('GET', '/relations/builder_sections/builder_id');
    assert.equal(parent.body.data.schema.on_delete, 'CASCADE');
    const alias = await ok('GET', '/fields/builder/sections');
    assert.deepEqual(alias.body.data.meta.special, ['m2a']);
  });

  it('refuses an m2a relation without allowed collections or a collection field', async () => {
    const missing = await call('POST', '/relations', {
      collection: 'builder_sections',
      field: 'collection',
      related_collection: null,
      meta: {},
    });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errors[0].extensions.code, 'INVALID_PAYLOAD');
  });

  it('relates a field to directus_files with a real foreign key', async () => {
    await ok('POST', '/fields/headings', {
      field: 'image',
      type: 'uuid',
      schema: {},
      meta: { special: ['file'] },
    });
    await ok('POST', '/relations', {
      collection: 'headings',
      field: 'image',
      related_collection: 'directus_files',
      schema: { on_delete: 'SET NULL' },
    });
    const relation = await ok('GET', '/relations/headings/image');
    assert.equal(relation.body.data.related_collection, 'directus_files');
    assert.equal(relation.body.data.schema.foreign_key_table, 'directus_files');
    assert.equal(relation.body.data.schema.on_delete, 'SET NULL');

    const db = await t.tenantClient('pages');
    try {
      await assert.rejects(
        db.query(`INSERT INTO headings (image) VALUES ('00000000-0000-4000-8000-000000000000')`),
        (error: { code?: string }) => error.code === '23503',
        'the foreign key to directus_files is enforced',
      );
    } finally {
      await db.end();
    }
  });
});
