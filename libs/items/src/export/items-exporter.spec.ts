import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppConfig } from '@atrium/core';
import type { CompiledQuery } from '@atrium/query';
import type { RequestContext } from '@atrium/permissions';
import type { ItemsReader } from '../read/items-reader';
import { BLOG_OVERVIEW } from '../../../query/src/testing/overview.fixture';
import { EXPORT_BATCH_SIZE, ItemsExporter } from './items-exporter';

/**
 * The exporter's wiring, without a database: the real compiler builds each batch statement, and a fake
 * connection answers batches of a table of `total` articles keyed 1..total, in the order they are asked.
 * What matters here is what each statement asks for (keyset vs offset), which the e2e spec can't see.
 */
function harness(total: number) {
  const statements: CompiledQuery[] = [];
  const plain: string[] = [];
  let released: boolean | undefined;
  let served = 0;
  const client = {
    query: async (statement: string | CompiledQuery) => {
      if (typeof statement === 'string') {
        plain.push(statement);
        return { rows: [] };
      }
      statements.push(statement);
      const keys: number[] = [];
      for (let key = served + 1; key <= total && keys.length < EXPORT_BATCH_SIZE; key++) keys.push(key);
      served += keys.length;
      const rows = keys.map((id) => ({ id, title: `t${id}` }));
      return {
        rows: [
          {
            text: JSON.stringify(rows),
            count: rows.length,
            lastKey: keys.length ? String(keys.at(-1)) : null,
          },
        ],
      };
    },
    release: (destroy?: boolean) => {
      released = destroy === true;
    },
  };
  const reader = {
    target: () => BLOG_OVERVIEW.collections.articles,
    readAccess: () => 'admin',
    queryContextFor: async () => ({ userId: null, roleId: null, now: new Date(0) }),
  } as unknown as ItemsReader;
  const config = { queryLimit: { default: 100, max: -1 } } as unknown as AppConfig;
  const context = {
    tenant: { pool: async () => ({ connect: async () => client }) },
    accountability: {},
    schema: BLOG_OVERVIEW,
    now: new Date(0),
  } as unknown as RequestContext;
  const exporter = new ItemsExporter(config, reader);
  const drain = async (stream: NodeJS.ReadableStream) => {
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    return text;
  };
  return {
    statements,
    plain,
    released: () => released,
    run: async (raw: Record<string, unknown>) =>
      drain((await exporter.export(context, 'articles', raw)).stream),
    search: async (body: unknown) => drain((await exporter.exportSearch(context, 'articles', body)).stream),
  };
}

/** The statements after the up-front compile check, i.e. the ones sent to the database. */
const hasOffset = (statement: CompiledQuery) => /\bOFFSET\b/.test(statement.text);

describe('ItemsExporter', () => {
  it('default order: keyset batches start after the last key; none skips rows with OFFSET', async () => {
    const h = harness(2500);
    const text = await h.run({ export: 'json' });
    assert.equal(JSON.parse(text).length, 2500);
    assert.equal(h.statements.length, 3);
    assert.ok(!h.statements.some(hasOffset));
    // The last key comes back as text and binds as the key's type again.
    assert.doesNotMatch(h.statements[0].text, /"id" > \$\d+/, 'the first batch starts at the beginning');
    assert.match(h.statements[1].text, /"id" > \$\d+/);
    assert.ok(h.statements[1].values.includes(1000), 'the second starts after key 1000');
    assert.ok(h.statements[2].values.includes(2000), 'the third after key 2000');
    assert.deepEqual(h.plain, ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', 'COMMIT']);
    assert.equal(h.released(), false, 'a finished export returns its connection to the pool');
  });

  it('descending key order pages with "<"', async () => {
    const h = harness(1500);
    await h.run({ export: 'csv', sort: '-id' });
    assert.match(h.statements[1].text, /"id" < \$\d+/);
    assert.ok(!hasOffset(h.statements[1]));
  });

  it('a user sort keeps limit/offset paging', async () => {
    const h = harness(2500);
    await h.run({ export: 'json', sort: 'title' });
    assert.equal(h.statements.length, 3);
    assert.ok(!hasOffset(h.statements[0]));
    assert.match(h.statements[1].text, /\bOFFSET 1000\b/);
    assert.match(h.statements[2].text, /\bOFFSET 2000\b/);
    assert.ok(!h.statements.some((statement) => /"id" [<>] \$\d+/.test(statement.text)));
  });

  it('without the key among the fields, the key is read for paging and dropped in SQL', async () => {
    const h = harness(1200);
    await h.run({ export: 'json', fields: 'title' });
    assert.equal(h.statements[0].values.at(-1), 'id');
    assert.match(h.statements[0].text, /json_each/);
    const kept = harness(10);
    await kept.run({ export: 'json', fields: 'id,title' });
    assert.doesNotMatch(kept.statements[0].text, /json_each/);
  });

  it("the caller's offset is skipped once, by the first batch", async () => {
    const h = harness(2500);
    await h.run({ export: 'json', offset: 40, limit: 1500 });
    assert.match(h.statements[0].text, /\bOFFSET 40\b/);
    assert.ok(!hasOffset(h.statements[1]));
  });

  it('SEARCH takes its export, query and keys from the body', async () => {
    const h = harness(3);
    const text = await h.search({ query: { export: 'xml', fields: ['id', 'title'] }, keys: [1, 2, 3] });
    assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<data>\n {2}<data>\n {4}<id>1<\/id>/);
    assert.ok(h.statements[0].values.some((value) => Array.isArray(value) && value.join() === '1,2,3'));
  });
});
