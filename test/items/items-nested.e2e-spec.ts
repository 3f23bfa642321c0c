import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp, type TestResponse } from '../support/test-app';
import { tenantRows } from '../system-data/system-data-fixture';
import { adminCaller } from './items-fixture';

/** Nested relational writes in one request: m2o, o2m, m2m and m2a, all in the request's transaction. */
describe('items API: nested writes', () => {
  let t: TestApp;
  let call: (method: string, url: string, body?: unknown) => Promise<TestResponse>;
  let ok: typeof call;
  const id = { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } };

  before(async () => {
    t = await TestApp.start();
    await t.createProject('blog');
    ({ call, ok } = await adminCaller(t, 'blog'));
    await ok('POST', '/collections', {
      collection: 'authors',
      fields: [id, { field: 'name', type: 'string', schema: {} }],
    });
    await ok('POST', '/collections', {
      collection: 'articles',
      fields: [
        id,
        { field: 'title', type: 'string', schema: {} },
        { field: 'author', type: 'integer', schema: {} },
      ],
    });
    await ok('POST', '/relations', {
      collection: 'articles',
      field: 'author',
      related_collection: 'authors',
    });
    await ok('POST', '/fields/authors', { field: 'articles', type: 'alias', meta: { special: ['o2m'] } });
    await ok('PATCH', '/relations/articles/author', { meta: { one_field: 'articles' } });
    await ok('POST', '/collections', {
      collection: 'tags',
      fields: [id, { field: 'label', type: 'string', schema: {} }],
    });
    await ok('POST', '/collections', {
      collection: 'articles_tags',
      fields: [
        id,
        { field: 'articles_id', type: 'integer', schema: {} },
        { field: 'tags_id', type: 'integer', schema: {} },
      ],
    });
    await ok('POST', '/fields/articles', { field: 'tags', type: 'alias', meta: { special: ['m2m'] } });
    await ok('POST', '/relations', {
      collection: 'articles_tags',
      field: 'tags_id',
      related_collection: 'tags',
      meta: { junction_field: 'articles_id' },
    });
    await ok('POST', '/relations', {
      collection: 'articles_tags',
      field: 'articles_id',
      related_collection: 'articles',
      meta: { one_field: 'tags', junction_field: 'tags_id', one_deselect_action: 'delete' },
    });
  });
  after(async () => {
    await t?.close();
  });

  it('m2o: creates the related item from an object, links a key, unlinks with null', async () => {
    const created = await ok('POST', '/items/articles?fields=title,author.name', {
      title: 'First',
      author: { name: 'Ann' },
    });
    assert.deepEqual(created.body.data, { title: 'First', author: { name: 'Ann' } });
    const ann = (await ok('GET', '/items/authors?filter[name][_eq]=Ann&fields=id')).body.data[0].id;
    const linked = await ok('POST', '/items/articles?fields=id,author', { title: 'Second', author: ann });
    assert.equal(linked.body.data.author, ann);
    const unlinked = await ok('PATCH', `/items/articles/${linked.body.data.id}?fields=author`, {
      author: null,
    });
    assert.equal(unlinked.body.data.author, null);
  });

  it('o2m: replaces the set from an array and applies {create, update, delete}', async () => {
    const author = await ok('POST', '/items/authors?fields=id,articles.title', {
      name: 'Bob',
      articles: [{ title: 'B1' }, { title: 'B2' }],
    });
    assert.deepEqual(author.body.data.articles.map((a: { title: string }) => a.title).sort(), ['B1', 'B2']);
    const key = author.body.data.id;
    const rows = await tenantRows<{ id: number; title: string }>(
      t,
      'blog',
      'SELECT id, title FROM articles WHERE author = $1 ORDER BY id',
      [key],
    );
    const detailed = await ok('PATCH', `/items/authors/${key}?fields=articles.title`, {
      articles: {
        create: [{ title: 'B3' }],
        update: [{ id: rows[0].id, title: 'B1x' }],
        delete: [rows[1].id],
      },
    });
    assert.deepEqual(detailed.body.data.articles.map((a: { title: string }) => a.title).sort(), [
      'B1x',
      'B3',
    ]);
    const orphan = await tenantRows<{ author: number | null }>(
      t,
      'blog',
      'SELECT author FROM articles WHERE id = $1',
      [rows[1].id],
    );
    assert.equal(orphan[0].author, null, 'deselected o2m rows are nullified by default');
  });

  it('m2m: junction rows with nested tags, replaced as a set', async () => {
    const article = await ok('POST', '/items/articles?fields=id,tags.tags_id.label', {
      title: 'Tagged',
      tags: [{ tags_id: { label: 'x' } }, { tags_id: { label: 'y' } }],
    });
    assert.deepEqual(
      article.body.data.tags.map((j: { tags_id: { label: string } }) => j.tags_id.label).sort(),
      ['x', 'y'],
    );
    const again = await ok('PATCH', `/items/articles/${article.body.data.id}?fields=tags.tags_id.label`, {
      tags: [{ tags_id: { label: 'z' } }],
    });
    assert.deepEqual(again.body.data.tags, [{ tags_id: { label: 'z' } }]);
    const junctions = await tenantRows(t, 'blog', 'SELECT * FROM articles_tags WHERE articles_id = $1', [
      article.body.data.id,
    ]);
    assert.equal(junctions.length, 1, 'deselected junction rows are deleted (one_deselect_action)');
  });

  it('m2a: junction rows create items in the collection they name', async () => {
    await ok('POST', '/collections', {
      collection: 'headings',
      fields: [id, { field: 'text', type: 'string', schema: {} }],
    });
    await ok('POST', '/collections', { collection: 'pages', fields: [id] });
    await ok('POST', '/collections', {
      collection: 'pages_blocks',
      fields: [
        id,
        { field: 'pages_id', type: 'integer', schema: {} },
        { field: 'item', type: 'string', schema: {} },
        { field: 'collection', type: 'string', schema: {} },
      ],
    });
    await ok('POST', '/fields/pages', { field: 'blocks', type: 'alias', meta: { special: ['m2a'] } });
    await ok('POST', '/relations', {
      collection: 'pages_blocks',
      field: 'item',
      related_collection: null,
      meta: {
        one_collection_field: 'collection',
        one_allowed_collections: ['headings'],
        junction_field: 'pages_id',
      },
    });
    await ok('POST', '/relations', {
      collection: 'pages_blocks',
      field: 'pages_id',
      related_collection: 'pages',
      meta: { one_field: 'blocks', junction_field: 'item' },
    });
    const page = await ok('POST', '/items/pages?fields=id', {
      blocks: [{ collection: 'headings', item: { text: 'Hello' } }],
    });
    const rows = await tenantRows<{ item: string; collection: string; text: string }>(
      t,
      'blog',
      `SELECT b.item, b.collection, h.text FROM pages_blocks b JOIN headings h ON h.id::text = b.item
        WHERE b.pages_id = $1`,
      [page.body.data.id],
    );
    assert.deepEqual(
      rows.map((r) => [r.collection, r.text]),
      [['headings', 'Hello']],
    );
  });

  it('rolls back the parent when a nested write fails', async () => {
    const res = await call('POST', '/items/authors', {
      name: 'Zed',
      articles: [{ title: 'ok' }, { title: 'x'.repeat(300) }],
    });
    assert.equal(res.status, 400, res.text);
    const rows = await tenantRows(t, 'blog', `SELECT 1 FROM authors WHERE name = 'Zed'`);
    assert.equal(rows.length, 0);
  });
});
