import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { adminCaller } from './items-fixture';

/** DESIGN §6: a list with relations is ONE SQL statement, visible in the debug log. */
describe('items reads are one statement', () => {
  let t: TestApp;
  let ok: Awaited<ReturnType<typeof adminCaller>>['ok'];
  const id = { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } };

  before(async () => {
    t = await TestApp.start({ LOG_LEVEL: 'debug' }, { captureLogs: true });
    await t.createProject('one');
    ({ ok } = await adminCaller(t, 'one'));
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
    await ok('POST', '/collections', {
      collection: 'comments',
      fields: [
        id,
        { field: 'body', type: 'text', schema: {} },
        { field: 'article', type: 'integer', schema: {} },
      ],
    });
    await ok('POST', '/relations', {
      collection: 'articles',
      field: 'author',
      related_collection: 'authors',
    });
    await ok('POST', '/fields/articles', { field: 'comments', type: 'alias', meta: { special: ['o2m'] } });
    await ok('POST', '/relations', {
      collection: 'comments',
      field: 'article',
      related_collection: 'articles',
      meta: { one_field: 'comments' },
    });
    await ok('POST', '/items/articles', {
      title: 'Hello',
      author: { name: 'Ada' },
      comments: [{ body: 'First' }, { body: 'Second' }],
    });
  });
  after(async () => {
    await t?.close();
  });

  it('reads a list with an m2o and an o2m relation in a single statement', async () => {
    const before = t.logLines.length;
    const res = await ok('GET', '/items/articles?fields=title,author.name,comments.body&sort=id');
    assert.deepEqual(res.body.data, [
      { title: 'Hello', author: { name: 'Ada' }, comments: [{ body: 'First' }, { body: 'Second' }] },
    ]);
    const reads = t.logLines
      .slice(before)
      .map((line) => JSON.parse(line) as { msg?: string; sql?: string })
      .filter((line) => line.msg === 'items read');
    assert.equal(reads.length, 1, 'one statement for the whole read');
    assert.match(reads[0].sql ?? '', /"authors"/);
    assert.match(reads[0].sql ?? '', /"comments"/);
    assert.doesNotMatch(
      reads[0].sql ?? '',
      /Hello|Ada|First/,
      'values are bound parameters, not logged SQL text',
    );
  });
});
