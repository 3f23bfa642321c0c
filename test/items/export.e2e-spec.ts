import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { readXml, xmlValue } from '../../libs/items/src/export/testing/xml-reader';
import { TestApp, type TestResponse } from '../support/test-app';
import { parseCsv } from '../system-data/export-fixture';
import { tenantRows } from '../system-data/system-data-fixture';
import { adminCaller } from './items-fixture';

const ROWS = 5000;
const code = (res: TestResponse) => res.body?.errors?.[0]?.extensions?.code;

interface Book {
  id: number;
  title: string;
  pages: number | null;
  extra: unknown;
}

/** A book as the XML export writes it, read back: every value as text, NULL as an empty element. */
function asXml(book: Book): unknown {
  const extra = book.extra as { n: number; tags: string[] } | null;
  return {
    id: String(book.id),
    title: book.title,
    pages: book.pages === null ? '' : String(book.pages),
    extra: extra === null ? '' : { n: String(extra.n), tags: extra.tags },
  };
}

const ids = (rows: { id: number }[]) => rows.map((row) => row.id);

/**
 * `GET /items/:collection?export=json|csv|csv_utf8|xml|yaml` (and SEARCH with `export` in its query): the
 * whole filtered/sorted collection as a download, batch by batch (1,000 rows each).
 */
describe('items export', () => {
  let t: TestApp;
  let call: (method: string, url: string, body?: unknown) => Promise<TestResponse>;
  let ok: (method: string, url: string, body?: unknown) => Promise<TestResponse>;
  let expected: Book[];

  before(async () => {
    t = await TestApp.start();
    await t.createProject('shop');
    const caller = await adminCaller(t, 'shop');
    call = caller.call;
    ok = caller.ok;
    await caller.ok('POST', '/collections', {
      collection: 'books',
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'title', type: 'string', schema: {} },
        { field: 'pages', type: 'integer', schema: {} },
        { field: 'extra', type: 'json', schema: {} },
      ],
    });
    // Bulk rows straight in SQL (the API would take a minute), with text that needs CSV quoting.
    await tenantRows(
      t,
      'shop',
      `INSERT INTO books (title, pages, extra)
       SELECT 'Book ' || n || CASE WHEN n % 7 = 0 THEN ', "vol" ' || E'\\n' || 'two' ELSE '' END,
              CASE WHEN n % 5 = 0 THEN NULL ELSE n END,
              CASE WHEN n % 3 = 0 THEN json_build_object('n', n, 'tags', json_build_array('a', 'b')) END
         FROM generate_series(1, $1::int) n`,
      [ROWS],
    );
    const list = await caller.ok('GET', '/items/books?limit=-1&sort=id');
    expected = list.body.data;
    assert.equal(expected.length, ROWS);
  });
  after(async () => {
    await t?.close();
  });

  const attachment = (res: TestResponse, extension: string, collection = 'books') => {
    assert.equal(res.status, 200, res.text.slice(0, 500));
    assert.match(
      String(res.headers['content-disposition']),
      new RegExp(`^attachment; filename="${collection} \\d{8}-\\d{6}\\.${extension}"$`),
    );
    return res;
  };
  const download = async (query: string, extension: string, collection = 'books') =>
    attachment(await call('GET', `/items/${collection}?${query}`), extension, collection);

  it('JSON: a valid array of every row, as the list read returns them', async () => {
    const res = await download('export=json', 'json');
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.deepEqual(res.body, expected);
  });

  it('CSV: header row, then every row with RFC 4180 quoting and JSON text for nested values', async () => {
    const res = await download('export=csv', 'csv');
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    const [header, ...records] = parseCsv(res.text);
    assert.deepEqual(header, ['id', 'title', 'pages', 'extra']);
    assert.equal(records.length, ROWS);
    const asCsv = (book: Book) => [
      String(book.id),
      book.title,
      book.pages === null ? '' : String(book.pages),
      book.extra === null ? '' : JSON.stringify(book.extra),
    ];
    assert.deepEqual(records, expected.map(asCsv));
  });

  it('YAML: one sequence of every row', async () => {
    const res = await download('export=yaml', 'yaml');
    assert.match(String(res.headers['content-type']), /^text\/yaml/);
    assert.deepEqual(parse(res.text), expected);
  });

  it('CSV UTF-8: the same CSV behind a UTF-8 byte order mark, named .csv', async () => {
    const res = await download('export=csv_utf8', 'csv');
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.equal(res.text.charCodeAt(0), 0xfeff, 'starts with the BOM');
    assert.equal(res.text.slice(1), (await download('export=csv', 'csv')).text);
    assert.equal(res.text.indexOf('\uFEFF', 1), -1, 'one BOM, not one per batch');
    const empty = await download('export=csv_utf8&filter[id][_lt]=0', 'csv');
    assert.equal(empty.text, '\uFEFF');
  });

  it('XML: a well-formed document, one <data> per row, one element per field', async () => {
    const res = await download('export=xml', 'xml');
    assert.match(String(res.headers['content-type']), /^text\/xml/);
    assert.ok(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<data>\n'));
    const root = readXml(res.text);
    assert.equal(root.name, 'data');
    assert.equal(root.children.length, ROWS);
    assert.ok(root.children.every((item) => item.name === 'data'));
    assert.deepEqual(root.children.map(xmlValue), expected.map(asXml));
    const empty = readXml((await download('export=xml&filter[id][_lt]=0', 'xml')).text);
    assert.deepEqual(empty, { name: 'data', children: [], text: '' });
  });

  it('XML: hostile text and JSON keys still make a well-formed document that reads back', async () => {
    await ok('POST', '/collections', {
      collection: 'notes',
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'body', type: 'text', schema: {} },
        { field: 'data', type: 'json', schema: {} },
      ],
    });
    const hostile = `a & b <c> "d" 'e' ]]> \r\n tab\t bell\u0007 esc\u001b \uFFFE end`;
    const kept = `a & b <c> "d" 'e' ]]> \r\n tab\t bell esc  end`;
    const data = { '1st key': hostile, 'ns:x': [1, { '<y>': null }], _x0041_: [], 'ok-key': {} };
    const created = await call('POST', '/items/notes', [
      { body: hostile, data },
      { body: '', data: null },
    ]);
    assert.equal(created.status, 200, created.text);
    const root = readXml((await download('export=xml', 'xml', 'notes')).text);
    assert.deepEqual(root.children.map(xmlValue), [
      {
        id: '1',
        body: kept,
        data: { '1st key': kept, 'ns:x': ['1', { '<y>': '' }], _x0041_: '', 'ok-key': '' },
      },
      { id: '2', body: '', data: '' },
    ]);
  });

  it('keyset batches: > 2 batches give every row exactly once, in key order, both directions', async () => {
    const check = (rows: { id: number }[], want: number[]) => {
      assert.equal(new Set(ids(rows)).size, rows.length, 'no row twice');
      assert.deepEqual(ids(rows), want);
    };
    check((await download('export=json', 'json')).body, ids(expected));
    check((await download('export=json&sort=-id', 'json')).body, ids(expected).reverse());
    check((await download('export=json&sort=id,title', 'json')).body, ids(expected));
    // Only the rows a filter keeps, still spread over 4 batches.
    const kept = expected.filter((book) => book.pages !== null);
    assert.equal(kept.length, 4000);
    check((await download('export=json&filter[pages][_nnull]=true', 'json')).body, ids(kept));
    // Limit and offset: the first batch skips the offset, the rest continue from the last key.
    check(
      (await download('export=json&limit=2500&offset=1234', 'json')).body,
      ids(expected).slice(1234, 3734),
    );
    check(
      (await download('export=json&sort=-id&limit=2100&offset=5', 'json')).body,
      ids(expected).reverse().slice(5, 2105),
    );
    check((await download('export=json&limit=1000&page=3', 'json')).body, ids(expected).slice(2000, 3000));
  });

  it('keyset batches without the key in the fields: the key is used for paging, not written', async () => {
    const res = await download('export=json&fields=title,pages', 'json');
    assert.deepEqual(
      res.body,
      expected.map(({ title, pages }) => ({ title, pages })),
    );
    const [header, ...records] = parseCsv((await download('export=csv&fields=title&sort=-id', 'csv')).text);
    assert.deepEqual(header, ['title']);
    assert.deepEqual(
      records,
      [...expected].reverse().map((book) => [book.title]),
    );
  });

  it('keyset batches on a uuid key follow the key order of a list read', async () => {
    await ok('POST', '/collections', {
      collection: 'tokens',
      fields: [
        { field: 'id', type: 'uuid', schema: { is_primary_key: true }, meta: { special: ['uuid'] } },
        { field: 'n', type: 'integer', schema: {} },
      ],
    });
    await tenantRows(
      t,
      'shop',
      'INSERT INTO tokens (id, n) SELECT gen_random_uuid(), n FROM generate_series(1, 2345) n',
    );
    const list = await ok('GET', '/items/tokens?limit=-1&sort=id');
    assert.equal(list.body.data.length, 2345);
    const res = await download('export=json', 'json', 'tokens');
    assert.deepEqual(res.body, list.body.data);
    const desc = await download('export=json&sort=-id&fields=n', 'json', 'tokens');
    assert.deepEqual(
      desc.body,
      [...list.body.data].reverse().map(({ n }: { n: number }) => ({ n })),
    );
  });

  it('limit is honoured: an export of limit=10 has 10 rows; no limit exports everything', async () => {
    for (const [format, count] of [
      ['json', (res: TestResponse) => res.body.length],
      ['csv', (res: TestResponse) => parseCsv(res.text).length - 1],
      ['xml', (res: TestResponse) => readXml(res.text).children.length],
      ['yaml', (res: TestResponse) => parse(res.text).length],
    ] as const) {
      const extension = format === 'csv' ? 'csv' : format;
      assert.equal(count(await download(`export=${format}&limit=10`, extension)), 10, format);
    }
    assert.deepEqual((await download('export=json&limit=10', 'json')).body, expected.slice(0, 10));
    assert.equal((await download('export=json&limit=0', 'json')).body.length, 0);
    assert.equal((await download('export=json&limit=-1', 'json')).body.length, ROWS);
  });

  it('applies the query: filter, sort, fields, limit and offset', async () => {
    const res = await download(
      'export=json&fields=id,title&filter[pages][_null]=true&sort=-id&limit=1500&offset=3',
      'json',
    );
    const want = expected
      .filter((book) => book.pages === null)
      .sort((a, b) => b.id - a.id)
      .slice(3, 1503)
      .map(({ id, title }) => ({ id, title }));
    assert.equal(want.length, 997, 'the filter leaves fewer rows than the limit');
    assert.deepEqual(res.body, want);
    // Ties (and NULLs, last in ascending order) broken by the primary key across batch boundaries.
    const limited = await download('export=yaml&limit=2345&sort=pages', 'yaml');
    const byPages = [...expected].sort(
      (a, b) => (a.pages ?? Infinity) - (b.pages ?? Infinity) || a.id - b.id,
    );
    assert.deepEqual(parse(limited.text), byPages.slice(0, 2345));
    const tail = await download('export=json&sort=pages&offset=3900', 'json');
    assert.deepEqual(tail.body, byPages.slice(3900));
  });

  it('an empty result is still a valid file', async () => {
    const res = await download('export=json&filter[id][_lt]=0', 'json');
    assert.deepEqual(res.body, []);
    assert.deepEqual(parse((await download('export=yaml&filter[id][_lt]=0', 'yaml')).text), []);
  });

  it('SEARCH with export in the body query streams the same attachment as GET', async () => {
    const query = { filter: { pages: { _null: true } }, fields: ['id', 'title'], sort: ['-id'], limit: 700 };
    const res = attachment(
      await call('SEARCH', '/items/books', { query: { ...query, export: 'csv' } }),
      'csv',
    );
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    const get = await download(
      'export=csv&filter[pages][_null]=true&fields=id,title&sort=-id&limit=700',
      'csv',
    );
    assert.equal(res.text, get.text);
    const records = parseCsv(res.text);
    assert.equal(records.length, 701);
    assert.deepEqual(records[1], [String(expected[4999].id), expected[4999].title]);
    // `keys` narrows the export as it narrows a plain SEARCH; every format works.
    const keyed = attachment(
      await call('SEARCH', '/items/books', { query: { export: 'json', fields: ['id'] }, keys: [3, 1, 2500] }),
      'json',
    );
    assert.deepEqual(keyed.body, [{ id: 1 }, { id: 3 }, { id: 2500 }]);
    const xml = attachment(
      await call('SEARCH', '/items/books', { query: { export: 'xml', limit: 2 } }),
      'xml',
    );
    assert.deepEqual(readXml(xml.text).children.map(xmlValue), expected.slice(0, 2).map(asXml));
    // Without `export`, SEARCH is still a JSON list.
    const plain = await call('SEARCH', '/items/books', { query: { limit: 2 } });
    assert.match(String(plain.headers['content-type']), /^application\/json/);
    assert.equal(plain.headers['content-disposition'], undefined);
    assert.deepEqual(plain.body.data, expected.slice(0, 2));
  });

  it('a non-admin exports only what their permissions read: rows, fields, across batches', async () => {
    const role = (await ok('POST', '/roles', { name: 'reader' })).body.data.id;
    const policy = (await ok('POST', '/policies', { name: 'reading' })).body.data.id;
    await ok('POST', '/access', { policy, role, user: null });
    await ok('POST', '/users', { email: 'reader@shop.test', password: 'password-123', role });
    const permission = (
      await ok('POST', '/permissions', {
        policy,
        collection: 'books',
        action: 'read',
        fields: ['id', 'title'],
        permissions: { pages: { _nnull: true } },
      })
    ).body.data.id;
    const login = await t.request('POST', '/shop/auth/login', {
      body: { email: 'reader@shop.test', password: 'password-123' },
    });
    assert.equal(login.status, 200, login.text);
    const token = login.body.data.access_token as string;
    const as = (method: string, url: string, body?: unknown) =>
      t.request(method, `/shop${url}`, { token, ...(body === undefined ? {} : { body }) });
    const visible = expected.filter((book) => book.pages !== null);
    assert.equal(visible.length, 4000, 'the row filter leaves 4 batches');

    // Keyset batches under the caller's row filter; `*` means the fields they may read.
    const json = attachment(await as('GET', '/items/books?export=json'), 'json');
    assert.deepEqual(
      json.body,
      visible.map(({ id, title }) => ({ id, title })),
    );
    const search = attachment(await as('SEARCH', '/items/books', { query: { export: 'csv' } }), 'csv');
    const [header, ...records] = parseCsv(search.text);
    assert.deepEqual(header, ['id', 'title']);
    assert.equal(records.length, 4000);
    // A field they can't read is refused before any byte, as in a list read.
    const hidden = await as('GET', '/items/books?export=csv&fields=pages');
    assert.equal(hidden.status, 403, hidden.text);

    // Without the key among the readable fields, paging falls back to limit/offset: same rows.
    await ok('PATCH', `/permissions/${permission}`, { fields: ['title'] });
    const titles = attachment(await as('GET', '/items/books?export=json'), 'json');
    assert.deepEqual(
      titles.body,
      visible.map(({ title }) => ({ title })),
    );
  });

  it('refuses unknown formats and bad queries before sending anything', async () => {
    for (const format of ['pdf', 'XML', 'csv-utf8', '']) {
      const res = await call('GET', `/items/books?export=${format}`);
      assert.equal(res.status, 400, format);
      assert.equal(code(res), 'INVALID_QUERY', format);
    }
    for (const format of ['pdf', 1, ['csv'], null]) {
      const res = await call('SEARCH', '/items/books', { query: { export: format } });
      assert.equal(res.status, 400, JSON.stringify(format));
      assert.equal(code(res), 'INVALID_QUERY', JSON.stringify(format));
    }
    const keys = await call('SEARCH', '/items/books', { query: { export: 'csv' }, keys: 'nope' });
    assert.equal(code(keys), 'INVALID_PAYLOAD');
    const field = await call('GET', '/items/books?export=csv&fields=nope');
    assert.equal(field.status, 403, field.text);
    assert.match(String(field.headers['content-type']), /json/);
    assert.equal(code(await call('GET', '/items/directus_users?export=json')), 'FORBIDDEN');
  });

  it('a plain list read is unchanged', async () => {
    const res = await call('GET', '/items/books?limit=2&sort=id');
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.deepEqual(res.body.data, expected.slice(0, 2));
  });
});
