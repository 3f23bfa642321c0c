import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { TestApp, type TestResponse } from '../support/test-app';
import { tenantRows } from '../system-data/system-data-fixture';
import { adminCaller } from './items-fixture';

const ROWS = 5000;
const code = (res: TestResponse) => res.body?.errors?.[0]?.extensions?.code;

/** A small RFC 4180 reader (quoted fields, doubled quotes, CRLF records) to check what the API wrote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && char === '"') quoted = false;
    else if (quoted) field += char;
    else if (char === '"') quoted = true;
    else if (char === ',') endField();
    else if (char === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i++;
    } else field += char;
  }
  assert.equal(field + record.join(''), '', 'the file ends with a complete record');
  return records;
}

interface Book {
  id: number;
  title: string;
  pages: number | null;
  extra: unknown;
}

/** `GET /items/:collection?export=json|csv|yaml`: the whole filtered/sorted collection as a download. */
describe('items export', () => {
  let t: TestApp;
  let call: (method: string, url: string, body?: unknown) => Promise<TestResponse>;
  let expected: Book[];

  before(async () => {
    t = await TestApp.start();
    await t.createProject('shop');
    const caller = await adminCaller(t, 'shop');
    call = caller.call;
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

  const download = async (query: string, extension: string) => {
    const res = await call('GET', `/items/books?${query}`);
    assert.equal(res.status, 200, res.text.slice(0, 500));
    assert.match(
      String(res.headers['content-disposition']),
      new RegExp(`^attachment; filename="books \\d{8}-\\d{6}\\.${extension}"$`),
    );
    return res;
  };

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

  it('refuses unknown formats and bad queries before sending anything', async () => {
    const xml = await call('GET', '/items/books?export=xml');
    assert.equal(xml.status, 400);
    assert.equal(code(xml), 'INVALID_QUERY');
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
