import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BOUNDARY, fileBody } from '../system-data/multipart-fixture';
import {
  errorCode,
  giveStaticToken,
  projectWithAdmin,
  tenantRows,
  projectCaller,
} from '../system-data/system-data-fixture';
import { TestApp, type TestResponse } from '../support/test-app';

const PROJECT = 'utils1';
const EDITOR = { email: 'editor@utils1.test', password: 'editor-password-1', token: 'utils1-editor-token' };

/**
 * `/utils/*` beyond what the SDK reaches: v8's shapes, every refusal (types, payloads, permissions), imports
 * that are all-or-nothing and name the failing row, CSV cells, sorting without sort values, exports in every
 * format and the cache.
 */
describe('/:project/utils and /:project/extensions', () => {
  let t: TestApp;
  let admin: string;
  // Bound when called: `t` exists only once `before` has run.
  const as = (token: string | undefined) => (method: string, url: string, body?: unknown) =>
    projectCaller(t, PROJECT, token).call(method, url, body);
  let call: ReturnType<typeof as>;
  let editor: ReturnType<typeof as>;
  const anonymous = as(undefined);

  const upload = (token: string, collection: string, name: string, type: string, text: string) =>
    t.request('POST', `/${PROJECT}/utils/import/${collection}`, {
      token,
      rawBody: fileBody(name, type, Buffer.from(text)),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
  const rows = (sql: string) => tenantRows<Record<string, unknown>>(t, PROJECT, sql);
  const message = (res: TestResponse) => String(res.body?.errors?.[0]?.message ?? '');

  before(async () => {
    t = await TestApp.start();
    admin = await projectWithAdmin(t, PROJECT);
    call = as(admin);
    const { ok } = projectCaller(t, PROJECT, admin);
    await ok('POST', '/collections', {
      collection: 'books',
      meta: { sort_field: 'position' },
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'title', type: 'string', schema: { is_nullable: false } },
        { field: 'code', type: 'string', schema: { is_unique: true } },
        { field: 'pages', type: 'integer', schema: {} },
        { field: 'tags', type: 'json', schema: {} },
        { field: 'position', type: 'integer', schema: {} },
      ],
    });
    await ok('POST', '/collections', {
      collection: 'profile',
      meta: { singleton: true },
      fields: [
        { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
        { field: 'motto', type: 'string', schema: {} },
      ],
    });
    const role = (await ok('POST', '/roles', { name: 'Editor' })).body.data.id;
    const policy = (await ok('POST', '/policies', { name: 'Create books', app_access: true })).body.data.id;
    await ok('POST', '/access', { role, policy });
    await ok('POST', '/permissions', { policy, collection: 'books', action: 'create', fields: ['*'] });
    await ok('POST', '/permissions', { policy, collection: 'books', action: 'read', fields: ['*'] });
    await ok('POST', '/users', { email: EDITOR.email, password: EDITOR.password, role });
    await giveStaticToken(t, PROJECT, EDITOR.email, EDITOR.token);
    editor = as(EDITOR.token);
  });
  after(async () => {
    await t?.close();
  });

  it('makes random strings: GET as the SDK calls it, POST in the v8 shape, lengths 1 to 500', async () => {
    const got = await anonymous('GET', '/utils/random/string?length=12');
    assert.equal(got.status, 200);
    assert.match(got.body.data, /^[A-Za-z0-9_-]{12}$/);
    const posted = await anonymous('POST', '/utils/random/string', { length: 20 });
    assert.equal(posted.status, 200);
    assert.match(posted.body.data.random, /^[A-Za-z0-9_-]{20}$/);
    assert.equal((await anonymous('POST', '/utils/random/string')).body.data.random.length, 32);
    for (const bad of ['0', '501', 'abc', '2.5']) {
      const res = await anonymous('GET', `/utils/random/string?length=${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal(errorCode(res), 'INVALID_QUERY', bad);
    }
  });

  it('hashes and verifies with argon2id, also under the v8 names; signed-in callers only', async () => {
    const generated = await editor('POST', '/utils/hash/generate', { string: 'secret words' });
    assert.equal(generated.status, 200);
    assert.match(generated.body.data, /^\$argon2id\$/);
    const verified = await editor('POST', '/utils/hash/verify', {
      string: 'secret words',
      hash: generated.body.data,
    });
    assert.deepEqual(verified.body, { data: true });
    const v8 = await call('POST', '/utils/hash', { string: 'v8 words' });
    assert.match(v8.body.data.hash, /^\$argon2id\$/);
    const match = await call('POST', '/utils/hash/match', { string: 'v8 words', hash: v8.body.data.hash });
    assert.deepEqual(match.body, { data: { valid: true } });
    const wrong = await call('POST', '/utils/hash/match', { string: 'other', hash: v8.body.data.hash });
    assert.deepEqual(wrong.body, { data: { valid: false } });
    const garbage = await call('POST', '/utils/hash/verify', { string: 'x', hash: 'not a hash' });
    assert.deepEqual(garbage.body, { data: false });
    for (const body of [{}, { string: '' }, { string: 42 }]) {
      const res = await call('POST', '/utils/hash/generate', body);
      assert.equal(res.status, 400);
      assert.equal(message(res), 'Invalid payload. "string" is required.');
    }
    assert.equal(errorCode(await call('POST', '/utils/hash/verify', { string: 'x' })), 'INVALID_PAYLOAD');
    assert.equal((await anonymous('POST', '/utils/hash/generate', { string: 'x' })).status, 403);
    assert.equal((await anonymous('POST', '/utils/hash/match', { string: 'x', hash: 'y' })).status, 403);
  });

  it('gives a v8 2FA secret to signed-in callers', async () => {
    const res = await editor('GET', '/utils/2fa_secret');
    assert.equal(res.status, 200);
    assert.match(res.body.data['2fa_secret'], /^[A-Z2-7]{16,}$/);
    assert.equal((await anonymous('GET', '/utils/2fa_secret')).status, 403);
  });

  it('imports JSON in one transaction: a failing row names itself and nothing is kept', async () => {
    const good = JSON.stringify([
      { title: 'Dune', code: 'D1', pages: 412, tags: ['sf'] },
      { title: 'Emma', code: 'E1' },
    ]);
    assert.equal((await upload(admin, 'books', 'books.json', 'application/json', good)).status, 200);
    assert.deepEqual(await rows('SELECT title, pages, tags FROM books ORDER BY id'), [
      { title: 'Dune', pages: 412, tags: ['sf'] },
      { title: 'Emma', pages: null, tags: null },
    ]);
    const bad = JSON.stringify([
      { title: 'Ulysses', code: 'U1' },
      { title: 'Copy', code: 'D1' },
      { title: 'Never' },
    ]);
    const failed = await upload(admin, 'books', 'bad.json', 'application/json', bad);
    assert.equal(failed.status, 400, failed.text);
    assert.equal(errorCode(failed), 'RECORD_NOT_UNIQUE');
    assert.match(message(failed), /^Row 2: /);
    assert.equal(failed.body.errors[0].extensions.row, 2);
    const invalid = await upload(
      admin,
      'books',
      'bad.json',
      'application/json',
      JSON.stringify([{ title: null }]),
    );
    assert.equal(invalid.status, 400);
    assert.match(message(invalid), /^Row 1: /);
    assert.deepEqual(
      (await rows('SELECT title FROM books ORDER BY id')).map((row) => row.title),
      ['Dune', 'Emma'],
      'no row of a failed import is kept',
    );
    const notArray = await upload(admin, 'books', 'x.json', 'application/json', '{"title": "x"');
    assert.equal(notArray.status, 400);
    assert.match(message(notArray), /not valid JSON/);
    const scalar = await upload(admin, 'books', 'x.json', 'application/json', '[1]');
    assert.equal(scalar.status, 400);
    assert.match(message(scalar), /Row 1: every item has to be an object/);
  });

  it('imports CSV: headers trimmed, empty cells unset, JSON cells parsed, numbers as text, an existing key updated', async () => {
    const [dune] = await rows("SELECT id FROM books WHERE code = 'D1'");
    const csv = `id , title,code,pages,tags\n${dune.id},Dune Messiah,D1,,\n,Kindred,K1,0264,"[""sf"",""classic""]"\n`;
    const res = await upload(admin, 'books', 'books.csv', 'text/csv', csv);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      await rows("SELECT title, pages, tags FROM books WHERE code IN ('D1', 'K1') ORDER BY id"),
      [
        { title: 'Dune Messiah', pages: 412, tags: ['sf'] },
        { title: 'Kindred', pages: 264, tags: ['sf', 'classic'] },
      ],
    );
    // No type of its own: the file name says CSV.
    const untyped = await upload(
      admin,
      'books',
      'more.csv',
      'application/octet-stream',
      'title,code\nBeloved,B1\n',
    );
    assert.equal(untyped.status, 200, untyped.text);
    const ragged = await upload(admin, 'books', 'bad.csv', 'text/csv', 'title,code\nA,B,C\n');
    assert.equal(ragged.status, 400);
    assert.match(message(ragged), /not valid CSV/);
  });

  it('refuses what is not an import: no multipart, another type, a singleton’s second row', async () => {
    const json = await call('POST', '/utils/import/books', [{ title: 'x' }]);
    assert.equal(json.status, 415);
    assert.equal(errorCode(json), 'UNSUPPORTED_MEDIA_TYPE');
    const text = await upload(admin, 'books', 'notes.txt', 'text/plain', 'hello');
    assert.equal(text.status, 415);
    assert.equal(errorCode(text), 'UNSUPPORTED_MEDIA_TYPE');
    const singleton = await upload(
      admin,
      'profile',
      'p.json',
      'application/json',
      '[{"motto":"a"},{"motto":"b"}]',
    );
    assert.equal(singleton.status, 400);
    assert.deepEqual(await rows('SELECT motto FROM profile'), []);
    assert.equal(
      (await upload(admin, 'profile', 'p.json', 'application/json', '[{"motto":"one"}]')).status,
      200,
    );
    assert.equal(
      (await upload(admin, 'profile', 'p.json', 'application/json', '[{"motto":"two"}]')).status,
      200,
    );
    assert.deepEqual(await rows('SELECT motto FROM profile'), [{ motto: 'two' }]);
    assert.equal((await upload(admin, 'nosuch', 'x.json', 'application/json', '[]')).status, 403);
  });

  it('imports under the caller’s permissions: create only, no update of existing rows, no system collections', async () => {
    const created = await upload(
      EDITOR.token,
      'books',
      'e.json',
      'application/json',
      '[{"title":"By editor","code":"ED1"}]',
    );
    assert.equal(created.status, 200, created.text);
    const [dune] = await rows("SELECT id FROM books WHERE code = 'D1'");
    const update = await upload(
      EDITOR.token,
      'books',
      'e.json',
      'application/json',
      JSON.stringify([
        { title: 'Fine', code: 'ED2' },
        { id: dune.id, title: 'Taken over' },
      ]),
    );
    assert.equal(update.status, 403);
    assert.match(message(update), /^Row 2: /);
    assert.deepEqual(await rows("SELECT title FROM books WHERE code IN ('D1', 'ED2')"), [
      { title: 'Dune Messiah' },
    ]);
    const users = await upload(
      EDITOR.token,
      'directus_users',
      'u.json',
      'application/json',
      '[{"email":"x@y.z"}]',
    );
    assert.equal(users.status, 403);
    assert.equal((await upload('', 'books', 'a.json', 'application/json', '[{"title":"anon"}]')).status, 403);
  });

  it('sorts: gives unsorted items places first, moves both ways, and needs update rights on the sort field', async () => {
    await call('DELETE', '/items/books', { query: { limit: -1 } });
    const ids: number[] = (
      await call(
        'POST',
        '/items/books?fields=id',
        ['A', 'B', 'C', 'D'].map((title) => ({ title })),
      )
    ).body.data.map((row: { id: number }) => row.id);
    const order = async () =>
      (await rows('SELECT title, position FROM books ORDER BY position, id')).map(
        (row) => `${row.title}${row.position}`,
      );
    const moved = await call('POST', '/utils/sort/books', { item: ids[3], to: ids[1] });
    assert.equal(moved.status, 200);
    assert.equal(moved.text, '');
    assert.deepEqual(await order(), ['A1', 'D2', 'B3', 'C4']);
    assert.equal((await call('POST', '/utils/sort/books', { item: String(ids[0]), to: ids[2] })).status, 200);
    assert.deepEqual(await order(), ['D1', 'B2', 'C3', 'A4']);

    assert.equal((await editor('POST', '/utils/sort/books', { item: ids[0], to: ids[1] })).status, 403);
    assert.equal(errorCode(await call('POST', '/utils/sort/books', { item: ids[0] })), 'INVALID_PAYLOAD');
    assert.equal((await call('POST', '/utils/sort/books', { item: 'abc', to: ids[1] })).status, 403);
    assert.equal((await call('POST', '/utils/sort/books', { item: 99999, to: ids[1] })).status, 403);
    const unsorted = await call('POST', '/utils/sort/profile', { item: 1, to: 1 });
    assert.equal(unsorted.status, 400);
    assert.match(message(unsorted), /has no sort field/);
    assert.deepEqual(await order(), ['D1', 'B2', 'C3', 'A4'], 'refused sorts change nothing');
  });

  it('exports a query to a file in every format, under the caller’s read and file permissions', async () => {
    for (const [format, type, check] of [
      ['csv', 'text/csv', (text: string) => assert.match(text, /^title\r?\nA\r?\nB/)],
      [
        'json',
        'application/json',
        (text: string) => assert.deepEqual(JSON.parse(text).slice(0, 2), [{ title: 'A' }, { title: 'B' }]),
      ],
      ['xml', '(text|application)/xml', (text: string) => assert.match(text, /<title>A<\/title>/)],
      ['yaml', 'text/yaml', (text: string) => assert.match(text, /title: A/)],
    ] as const) {
      const res = await call('POST', '/utils/export/books', {
        format,
        query: { fields: ['title'], sort: ['title'] },
        file: { title: `books ${format}`, description: 'nightly' },
      });
      assert.equal(res.status, 204, `${format}: ${res.text}`);
      const [file] = (
        await call('GET', `/files?filter[title][_eq]=books ${format}&fields=id,type,description`)
      ).body.data;
      assert.ok(file, `${format}: the export is a file`);
      assert.match(file.type, new RegExp(`^${type}`));
      assert.equal(file.description, 'nightly');
      check((await call('GET', `/assets/${file.id}`)).text);
    }
    const files = async () => Number((await rows('SELECT count(*) AS n FROM directus_files'))[0].n);
    const before = await files();
    assert.equal(errorCode(await call('POST', '/utils/export/books', { format: 'json' })), 'INVALID_PAYLOAD');
    assert.equal(errorCode(await call('POST', '/utils/export/books', { query: {} })), 'INVALID_PAYLOAD');
    assert.equal((await call('POST', '/utils/export/books', { format: 'pdf', query: {} })).status, 400);
    // The editor reads books but may not create files.
    assert.equal((await editor('POST', '/utils/export/books', { format: 'json', query: {} })).status, 403);
    assert.equal((await call('POST', '/utils/export/nosuch', { format: 'json', query: {} })).status, 403);
    assert.equal(await files(), before, 'no refused export leaves a file');
  });

  it('clears caches for admins: ?system makes a column added outside the API visible', async () => {
    await call('GET', '/fields/books');
    await rows('ALTER TABLE books ADD COLUMN added_outside text');
    const fields = async () =>
      ((await call('GET', '/fields/books')).body.data as Array<{ field: string }>).map((f) => f.field);
    assert.equal((await call('POST', '/utils/cache/clear')).status, 200);
    assert.equal((await editor('POST', '/utils/cache/clear?system')).status, 403);
    assert.equal((await anonymous('POST', '/utils/cache/clear')).status, 403);
    assert.ok(!(await fields()).includes('added_outside'), 'the schema is still cached');
    assert.equal((await call('POST', '/utils/cache/clear?system')).status, 200);
    assert.ok((await fields()).includes('added_outside'));
  });

  it('lists extensions (none) in the Directus and v8 shapes', async () => {
    for (const path of ['/extensions', '/interfaces', '/layouts', '/modules']) {
      const res = await call('GET', path);
      assert.equal(res.status, 200, path);
      assert.deepEqual(res.body, { data: [] }, path);
    }
  });
});
