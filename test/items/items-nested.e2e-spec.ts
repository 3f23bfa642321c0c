import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { tenantRows } from '../system-data/system-data-fixture';
import { adminCaller, type Caller, createBlogSchema, createPageBlocks, idField as id } from './items-fixture';

/** Nested relational writes in one request: m2o, o2m, m2m and m2a, all in the request's transaction. */
describe('items API: nested writes', () => {
  let t: TestApp;
  let call: Caller;
  let ok: Caller;

  before(async () => {
    t = await TestApp.start();
    await t.createProject('blog');
    ({ call, ok } = await adminCaller(t, 'blog'));
    await createBlogSchema(ok);
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
    await createPageBlocks(ok, ['headings']);
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
