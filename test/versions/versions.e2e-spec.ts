import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  errorCode,
  giveStaticToken,
  projectWithAdmin,
  tenantRows,
  projectCaller,
} from '../system-data/system-data-fixture';
import { TestApp, type TestResponse } from '../support/test-app';

const PROJECT = 'versions1';
const READER = 'versions1-reader-token';
const EDITOR = 'versions1-editor-token';

/**
 * Content versions beyond the SDK's happy path: every refusal, and the permission checks on saving and
 * promoting (a role that may read an item but not update it can neither save to nor promote its versions).
 */
describe('/:project/versions', () => {
  let t: TestApp;
  let admin: string;
  let page: number;
  let other: number;
  // Bound when called: `t` exists only once `before` has run.
  const as = (token: string | undefined) => (method: string, url: string, body?: unknown) =>
    projectCaller(t, PROJECT, token).call(method, url, body);
  let call: ReturnType<typeof as>;
  const message = (res: TestResponse) => String(res.body?.errors?.[0]?.message ?? '');
  const title = async (id: number) =>
    (await tenantRows<{ title: string }>(t, PROJECT, `SELECT title FROM pages WHERE id = ${id}`))[0].title;

  before(async () => {
    t = await TestApp.start();
    admin = await projectWithAdmin(t, PROJECT);
    call = as(admin);
    const { ok } = projectCaller(t, PROJECT, admin);
    const id = { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } };
    await ok('POST', '/collections', {
      collection: 'pages',
      meta: { versioning: true },
      fields: [
        id,
        { field: 'title', type: 'string', schema: {} },
        { field: 'secret', type: 'string', schema: {} },
      ],
    });
    await ok('POST', '/collections', {
      collection: 'plain',
      fields: [id, { field: 'title', type: 'string', schema: {} }],
    });
    [page, other] = (
      await ok('POST', '/items/pages?fields=id', [{ title: 'Home' }, { title: 'About' }])
    ).body.data.map((row: { id: number }) => row.id);
    await ok('POST', '/items/plain', { title: 'x' });
    // Readers read pages and versions and may make versions; editors may also update the title of page 1 only.
    for (const [name, token, extra] of [
      ['Reader', READER, []],
      [
        'Editor',
        EDITOR,
        [{ collection: 'pages', action: 'update', fields: ['title'], permissions: { id: { _eq: page } } }],
      ],
    ] as const) {
      const role = (await ok('POST', '/roles', { name })).body.data.id;
      const policy = (await ok('POST', '/policies', { name, app_access: true })).body.data.id;
      await ok('POST', '/access', { role, policy });
      for (const rule of [
        { collection: 'pages', action: 'read', fields: ['id', 'title'] },
        { collection: 'directus_versions', action: 'read', fields: ['*'] },
        { collection: 'directus_versions', action: 'create', fields: ['*'] },
        ...extra,
      ])
        await ok('POST', '/permissions', { policy, ...rule });
      const email = `${name.toLowerCase()}@${PROJECT}.test`;
      await ok('POST', '/users', { email, password: 'password-12345', role });
      await giveStaticToken(t, PROJECT, email, token);
    }
  });
  after(async () => {
    await t?.close();
  });

  it('refuses versions of what cannot have them', async () => {
    const plain = await call('POST', '/versions', { key: 'draft', collection: 'plain', item: '1' });
    assert.equal(plain.status, 422);
    assert.match(message(plain), /not enabled for collection "plain"/);
    assert.equal(
      errorCode(await call('POST', '/versions', { key: 'main', collection: 'pages', item: String(page) })),
      'INVALID_PAYLOAD',
    );
    assert.equal(
      errorCode(await call('POST', '/versions', { key: 'a b', collection: 'pages', item: String(page) })),
      'INVALID_PAYLOAD',
    );
    assert.equal(
      errorCode(await call('POST', '/versions', { collection: 'pages', item: String(page) })),
      'INVALID_PAYLOAD',
    );
    assert.equal(
      (await call('POST', '/versions', { key: 'draft', collection: 'pages', item: '99999' })).status,
      403,
    );
    assert.equal(
      (await call('POST', '/versions', { key: 'draft', collection: 'nosuch', item: '1' })).status,
      403,
    );
    assert.equal(
      (await call('POST', '/versions', { key: 'draft', collection: 'directus_users', item: '1' })).status,
      403,
    );
    const first = await call('POST', '/versions', { key: 'draft', collection: 'pages', item: String(page) });
    assert.equal(first.status, 200, first.text);
    const again = await call('POST', '/versions', { key: 'draft', collection: 'pages', item: page });
    assert.equal(again.status, 422);
    const twice = await call('POST', '/versions', [
      { key: 'twin', collection: 'pages', item: String(other) },
      { key: 'twin', collection: 'pages', item: String(other) },
    ]);
    assert.equal(twice.status, 422);
    assert.equal(
      (await call('GET', `/versions?filter[key][_eq]=twin`)).body.data.length,
      0,
      'a refused batch creates none',
    );
    // The server keeps what a version belongs to: a rename may not move it.
    const moved = await call('PATCH', `/versions/${first.body.data.id}`, {
      item: String(other),
      name: 'Renamed',
    });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.data.item, String(page));
    assert.equal(moved.body.data.name, 'Renamed');
  });

  it('saves only fields that exist and the caller may update, on items it may update', async () => {
    const version = (
      await as(READER)('POST', '/versions', { key: 'reader', collection: 'pages', item: String(page) })
    ).body.data.id;
    const readerSave = await as(READER)('POST', `/versions/${version}/save`, { title: 'By reader' });
    assert.equal(readerSave.status, 403, 'read access to an item is not enough to save to its versions');
    const editorSave = await as(EDITOR)('POST', `/versions/${version}/save`, { title: 'By editor' });
    assert.equal(editorSave.status, 200, editorSave.text);
    assert.deepEqual(
      editorSave.body.data,
      { id: page, title: 'By editor' },
      'the answer is what the editor may read',
    );
    assert.equal((await as(EDITOR)('POST', `/versions/${version}/save`, { secret: 'x' })).status, 403);
    assert.equal(errorCode(await call('POST', `/versions/${version}/save`, { nope: 1 })), 'INVALID_PAYLOAD');
    assert.equal(errorCode(await call('POST', `/versions/${version}/save`, [1])), 'INVALID_PAYLOAD');
    const otherVersion = (
      await call('POST', '/versions', { key: 'ed', collection: 'pages', item: String(other) })
    ).body.data.id;
    assert.equal(
      (await as(EDITOR)('POST', `/versions/${otherVersion}/save`, { title: 'x' })).status,
      403,
      'not its row',
    );
    assert.equal(
      (await call('POST', `/versions/00000000-0000-4000-8000-000000000000/save`, { title: 'x' })).status,
      403,
    );
    const [{ delta }] = await tenantRows<{ delta: unknown }>(
      t,
      PROJECT,
      `SELECT delta FROM directus_versions WHERE id = '${version}'`,
    );
    assert.deepEqual(delta, { title: 'By editor' });
    const revisions = await tenantRows(
      t,
      PROJECT,
      `SELECT delta FROM directus_revisions WHERE version = '${version}'`,
    );
    assert.deepEqual(revisions, [{ delta: { title: 'By editor' } }]);
    assert.equal(await title(page), 'Home', 'saving never touches the item');
  });

  it('promotes under the caller’s update permission, with the current hash only', async () => {
    const [version] = (await call('GET', `/versions?filter[key][_eq]=reader&fields=id`)).body.data;
    const compare = await as(READER)('GET', `/versions/${version.id}/compare`);
    assert.equal(compare.status, 200);
    const { mainHash } = compare.body.data;
    assert.equal((await as(READER)('POST', `/versions/${version.id}/promote`, { mainHash })).status, 403);
    assert.equal(await title(page), 'Home');
    assert.equal(errorCode(await call('POST', `/versions/${version.id}/promote`, {})), 'INVALID_PAYLOAD');
    const stale = await as(EDITOR)('POST', `/versions/${version.id}/promote`, { mainHash: 'f'.repeat(40) });
    assert.equal(stale.status, 422);
    assert.equal(errorCode(stale), 'VERSION_HASH_MISMATCH');
    assert.equal(stale.body.errors[0].extensions.mainHash, mainHash);
    const promoted = await as(EDITOR)('POST', `/versions/${version.id}/promote`, {
      mainHash,
      fields: ['title'],
    });
    assert.equal(promoted.status, 200, promoted.text);
    assert.deepEqual(promoted.body, { data: String(page) });
    assert.equal(await title(page), 'By editor');
    const empty = (
      await call('POST', '/versions', { key: 'empty', collection: 'pages', item: String(other) })
    ).body.data.id;
    const nothing = await call('POST', `/versions/${empty}/promote`, { mainHash });
    assert.equal(nothing.status, 422);
    assert.match(message(nothing), /No changes to promote/);
  });

  it('reads items at a version: main is the item, an unknown key is refused, fields are respected', async () => {
    const version = (
      await call('POST', '/versions', { key: 'preview', collection: 'pages', item: String(other) })
    ).body.data.id;
    await call('POST', `/versions/${version}/save`, { title: 'About, previewed', secret: 'hidden' });
    const at = await call('GET', `/items/pages/${other}?version=preview&fields=id,title`);
    assert.deepEqual(at.body, { data: { id: other, title: 'About, previewed' } });
    assert.equal((await call('GET', `/items/pages/${other}?version=main`)).body.data.title, 'About');
    assert.equal((await call('GET', `/items/pages/${other}?version=nosuch`)).status, 403);
    const reader = await as(READER)('GET', `/items/pages/${other}?version=preview`);
    assert.deepEqual(
      reader.body,
      { data: { id: other, title: 'About, previewed' } },
      'no field the reader may not read',
    );
    assert.equal(errorCode(await call('GET', `/items/pages/${other}?version=a&version=b`)), 'INVALID_QUERY');
  });
});
