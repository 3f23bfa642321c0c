import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { adminCaller, type Caller, createBlogSchema } from './items-fixture';

/** DESIGN §6: a list with relations is ONE SQL statement, visible in the debug log. */
describe('items reads are one statement', () => {
  let t: TestApp;
  let ok: Caller;

  before(async () => {
    t = await TestApp.start({ LOG_LEVEL: 'debug' }, { captureLogs: true });
    await t.createProject('one');
    ({ ok } = await adminCaller(t, 'one'));
    await createBlogSchema(ok);
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
