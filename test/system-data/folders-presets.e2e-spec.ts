import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminCaller } from '../items/items-fixture';
import { expectData, expectError, PASSWORD, q } from '../permissions/permissions-fixture';
import { TestApp, TestResponse } from '../support/test-app';
import { tenantRows } from './system-data-fixture';

type Caller = (method: string, url: string, body?: unknown) => Promise<TestResponse>;

interface Folder {
  id: string;
  name: string;
  parent: string | null;
}

interface Preset {
  id: number;
  bookmark: string | null;
  user: string | null;
  role: string | null;
  collection: string | null;
  layout: string | null;
  layout_query: unknown;
  layout_options: unknown;
  filter: unknown;
  icon: string | null;
  refresh_interval: number | null;
}

const PROJECT = 'shelves';
const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

describe('/folders and /presets', () => {
  let t: TestApp;
  let admin: Caller;
  let adminOk: Caller;

  /** A user whose role's only policy has app_access, logged in. */
  const members = {} as Record<'dana' | 'eli', { id: string; call: Caller }>;
  let memberRole: string;

  const sql = <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    tenantRows<T>(t, PROJECT, text, values);

  async function folder(name: string, parent: string | null = null): Promise<Folder> {
    return expectData<Folder>(await admin('POST', '/folders', { name, parent }), `folder ${name}`);
  }

  before(async () => {
    t = await TestApp.start();
    await t.createProject(PROJECT);
    ({ call: admin, ok: adminOk } = await adminCaller(t, PROJECT));
    memberRole = (await adminOk('POST', '/roles', { name: 'member' })).body.data.id;
    const policy = (await adminOk('POST', '/policies', { name: 'app only', app_access: true })).body.data.id;
    await adminOk('POST', '/access', { policy, role: memberRole, user: null });
    for (const name of ['dana', 'eli'] as const) {
      const email = `${name}@${PROJECT}.test`;
      const id = (await adminOk('POST', '/users', { email, password: PASSWORD, role: memberRole })).body.data
        .id as string;
      const login = await t.request('POST', `/${PROJECT}/auth/login`, {
        body: { email, password: PASSWORD },
      });
      assert.equal(login.status, 200, login.text);
      const token = login.body.data.access_token as string;
      members[name] = {
        id,
        call: (method, url, body) =>
          t.request(method, `/${PROJECT}${url}`, { token, ...(body === undefined ? {} : { body }) }),
      };
    }
  });
  after(async () => {
    await t?.close();
  });

  describe('folders as the admin', () => {
    it('creates one or many, reads, updates one or many, SEARCHes and deletes, with activity', async () => {
      const media = await folder('Media');
      assert.match(media.id, /^[0-9a-f-]{36}$/);
      assert.equal(media.parent, null);

      const batch = await admin('POST', '/folders?fields=name,parent', [
        { name: 'Images', parent: media.id },
        { name: 'Video', parent: media.id },
      ]);
      assert.deepEqual(expectData(batch), [
        { name: 'Images', parent: media.id },
        { name: 'Video', parent: media.id },
      ]);
      const [images, video] = await sql<Folder>(
        "SELECT id, name, parent FROM directus_folders WHERE name IN ('Images', 'Video') ORDER BY name",
      );

      assert.deepEqual(expectData(await admin('GET', `/folders/${images.id}`)), images);
      const renamed = await admin('PATCH', `/folders/${images.id}`, { name: 'Pictures' });
      assert.equal(expectData<Folder>(renamed).name, 'Pictures');

      const moved = await admin('PATCH', '/folders?fields=id,parent', {
        keys: [images.id, video.id],
        data: { parent: null },
      });
      assert.deepEqual(
        expectData<Folder[]>(moved).map((row) => row.parent),
        [null, null],
      );

      const searched = await admin('SEARCH', '/folders', {
        query: { fields: ['name'], sort: ['name'] },
        keys: [images.id, video.id, MISSING_UUID],
      });
      assert.deepEqual(expectData(searched), [{ name: 'Pictures' }, { name: 'Video' }]);

      assert.equal((await admin('DELETE', '/folders', [images.id, video.id])).status, 204);
      assert.equal((await admin('DELETE', `/folders/${media.id}`)).status, 204);
      expectError(await admin('GET', `/folders/${media.id}`), 403, 'FORBIDDEN');

      const actions = await sql<{ action: string }>(
        "SELECT action FROM directus_activity WHERE collection = 'directus_folders' AND item = $1 ORDER BY id",
        [images.id],
      );
      assert.deepEqual(
        actions.map((row) => row.action),
        ['create', 'update', 'update', 'delete'],
      );
    });

    it('refuses a folder without a name, an unknown parent, an unknown field and a loop', async () => {
      expectError(await admin('POST', '/folders', { parent: null }), 400, 'FAILED_VALIDATION');
      expectError(await admin('POST', '/folders', { name: null }), 400, 'FAILED_VALIDATION');
      expectError(
        await admin('POST', '/folders', { name: 'Orphan', parent: MISSING_UUID }),
        400,
        'INVALID_FOREIGN_KEY',
      );
      // Like Directus, a field the collection does not have is dropped, not refused.
      const loose = expectData<Folder>(await admin('POST', '/folders', { name: 'x', colour: 'red' }));
      assert.deepEqual(Object.keys(loose).sort(), ['id', 'name', 'parent']);
      await adminOk('DELETE', `/folders/${loose.id}`);

      const top = await folder('Top');
      const below = await folder('Below', top.id);
      expectError(await admin('PATCH', `/folders/${top.id}`, { parent: below.id }), 400, 'INVALID_PAYLOAD');
      expectError(await admin('PATCH', `/folders/${top.id}`, { parent: top.id }), 400, 'INVALID_PAYLOAD');
      const [row] = await sql<Folder>('SELECT parent FROM directus_folders WHERE id = $1', [top.id]);
      assert.equal(row.parent, null, 'the refused loop was rolled back');
      await adminOk('DELETE', '/folders', [top.id, below.id]);
    });

    it('answers the query language: filter through parent.name, fields with parent.name', async () => {
      const archive = await folder('Archive');
      const inbox = await folder('Inbox');
      await folder('2023', archive.id);
      await folder('2024', archive.id);
      await folder('Unread', inbox.id);

      const res = await admin(
        'GET',
        `/folders?${q({ filter: { parent: { name: { _eq: 'Archive' } } } })}&fields=*,parent.name&sort=name`,
      );
      const rows = expectData<Array<{ name: string; parent: { name: string } }>>(res);
      assert.deepEqual(
        rows.map((row) => [row.name, row.parent]),
        [
          ['2023', { name: 'Archive' }],
          ['2024', { name: 'Archive' }],
        ],
      );
      assert.deepEqual(Object.keys(rows[0]).sort(), ['id', 'name', 'parent']);

      const roots = await admin('GET', '/folders?filter[parent][_null]=true&fields=name&sort=-name');
      assert.deepEqual(expectData(roots), [{ name: 'Inbox' }, { name: 'Archive' }]);

      const counted = await admin('GET', '/folders?search=202&meta=filter_count,total_count&fields=name');
      assert.equal(counted.body.meta.filter_count, 2, counted.text);
      assert.equal(counted.body.meta.total_count, 5);

      expectError(await admin('GET', '/folders?filter[nope][_eq]=1'), 403, 'FORBIDDEN');
      await adminOk('DELETE', '/folders', { query: { filter: {} } });
      assert.equal((await sql('SELECT id FROM directus_folders')).length, 0);
    });

    it('deletes a parent folder: subfolders move to the root, its files lose their folder', async () => {
      const parent = await folder('Projects');
      const child = await folder('Drafts', parent.id);
      const grandchild = await folder('Old', child.id);
      const [file] = await sql<{ id: string }>(
        `INSERT INTO directus_files (storage, filename_download, folder) VALUES ('local', 'plan.pdf', $1)
         RETURNING id`,
        [parent.id],
      );

      assert.equal((await admin('DELETE', `/folders/${parent.id}`)).status, 204);
      const left = await sql<Folder>('SELECT id, name, parent FROM directus_folders ORDER BY name');
      assert.deepEqual(left, [
        { id: child.id, name: 'Drafts', parent: null },
        { id: grandchild.id, name: 'Old', parent: child.id },
      ]);
      const [stored] = await sql<{ folder: string | null }>(
        'SELECT folder FROM directus_files WHERE id = $1',
        [file.id],
      );
      assert.equal(stored.folder, null);

      // A parent and its child deleted together.
      assert.equal((await admin('DELETE', '/folders', { keys: [grandchild.id, child.id] })).status, 204);
      assert.equal((await sql('SELECT id FROM directus_folders')).length, 0);
    });
  });

  describe('presets as the admin', () => {
    const layoutQuery = {
      tabular: { fields: ['title', 'author.name'], sort: ['-date'], page: 2, limit: 25 },
    };
    const layoutOptions = { tabular: { widths: { title: 320 }, spacing: 'compact', wrap: false } };
    const filter = { _and: [{ status: { _in: ['draft', 'published'] } }, { views: { _gt: 10 } }] };

    it('creates one with its database defaults and round-trips the JSON columns', async () => {
      const created = expectData<Preset>(
        await admin('POST', '/presets', {
          collection: 'articles',
          layout_query: layoutQuery,
          layout_options: layoutOptions,
          filter,
          refresh_interval: 30,
        }),
      );
      assert.equal(typeof created.id, 'number');
      assert.equal(created.layout, 'tabular', 'database default');
      assert.equal(created.icon, 'bookmark', 'database default');
      assert.equal(created.bookmark, null);
      assert.deepEqual(created.layout_query, layoutQuery);
      assert.deepEqual(created.layout_options, layoutOptions);
      assert.deepEqual(created.filter, filter);
      assert.equal(created.refresh_interval, 30);

      const read = expectData<Preset>(await admin('GET', `/presets/${created.id}`));
      assert.deepEqual(read, created);
      const [stored] = await sql<{ kind: string; filter: unknown }>(
        'SELECT json_typeof(layout_query) AS kind, filter FROM directus_presets WHERE id = $1',
        [created.id],
      );
      assert.equal(stored.kind, 'object', 'stored as JSON, not as a JSON string');
      assert.deepEqual(stored.filter, filter);

      const updated = expectData<Preset>(
        await admin('PATCH', `/presets/${created.id}`, { filter: null, layout_options: [1, 'two'] }),
      );
      assert.equal(updated.filter, null);
      assert.deepEqual(updated.layout_options, [1, 'two']);
      assert.deepEqual(updated.layout_query, layoutQuery, 'untouched');

      const [revision] = await sql<{ delta: unknown }>(
        "SELECT delta FROM directus_revisions WHERE collection = 'directus_presets' ORDER BY id DESC LIMIT 1",
      );
      assert.deepEqual(revision.delta, { filter: null, layout_options: [1, 'two'] });

      assert.equal((await admin('DELETE', `/presets/${created.id}`)).status, 204);
      expectError(await admin('GET', `/presets/${created.id}`), 403, 'FORBIDDEN');
    });

    it('batches, follows user and role, filters on JSON-free fields and refuses bad values', async () => {
      const rows = expectData<Preset[]>(
        await admin('POST', '/presets?fields=id,bookmark,user.email,role.name', [
          { bookmark: 'Mine', user: members.dana.id, collection: 'articles' },
          { bookmark: 'Team', role: memberRole, collection: 'articles' },
        ]),
      );
      assert.deepEqual(
        rows.map(({ bookmark, user, role }) => ({ bookmark, user, role })),
        [
          { bookmark: 'Mine', user: { email: `dana@${PROJECT}.test` }, role: null },
          { bookmark: 'Team', user: null, role: { name: 'member' } },
        ],
      );
      const byRole = await admin('GET', `/presets?${q({ filter: { role: { name: { _eq: 'member' } } } })}`);
      assert.deepEqual(
        expectData<Preset[]>(byRole).map((row) => row.bookmark),
        ['Team'],
      );

      expectError(await admin('POST', '/presets', { refresh_interval: 'soon' }), 400, 'INVALID_PAYLOAD');
      expectError(await admin('POST', '/presets', { user: 'dana' }), 400, 'INVALID_PAYLOAD');
      expectError(await admin('POST', '/presets', { user: MISSING_UUID }), 400, 'INVALID_FOREIGN_KEY');
      expectError(await admin('PATCH', '/presets/not-a-number', { bookmark: 'x' }), 403, 'FORBIDDEN');

      await adminOk('DELETE', '/presets', { keys: rows.map((row) => row.id) });
      assert.equal((await sql('SELECT id FROM directus_presets')).length, 0);
    });
  });

  describe('a user with app_access only', () => {
    it('creates, reads, updates and deletes its own presets', async () => {
      const { call, id } = members.dana;
      const mine = expectData<Preset>(
        await call('POST', '/presets', {
          user: id,
          collection: 'articles',
          bookmark: 'Drafts',
          filter: { status: { _eq: 'draft' } },
        }),
        'own create',
      );
      assert.equal(mine.user, id);
      assert.deepEqual(mine.filter, { status: { _eq: 'draft' } });

      assert.equal(expectData<Preset>(await call('GET', `/presets/${mine.id}`)).bookmark, 'Drafts');
      const updated = await call('PATCH', `/presets/${mine.id}`, { bookmark: 'My drafts' });
      assert.equal(expectData<Preset>(updated, 'own update').bookmark, 'My drafts');
      assert.equal((await call('DELETE', `/presets/${mine.id}`)).status, 204);
      assert.equal((await sql('SELECT id FROM directus_presets WHERE id = $1', [mine.id])).length, 0);
    });

    it("sees its own, its role's and the global presets, never another user's", async () => {
      const { call, id } = members.dana;
      const others = expectData<Preset>(
        await admin('POST', '/presets', { user: members.eli.id, bookmark: "Eli's" }),
      );
      const roleWide = expectData<Preset>(
        await admin('POST', '/presets', { role: memberRole, bookmark: 'Team' }),
      );
      const global = expectData<Preset>(await admin('POST', '/presets', { bookmark: 'Everyone' }));
      const own = expectData<Preset>(await call('POST', '/presets', { user: id, bookmark: 'Mine' }));

      const listed = expectData<Preset[]>(await call('GET', '/presets?sort=id&fields=bookmark'));
      assert.deepEqual(
        listed.map((row) => row.bookmark),
        ['Team', 'Everyone', 'Mine'],
      );
      const searched = await call('SEARCH', '/presets', { query: { fields: ['id'] }, keys: [others.id] });
      assert.deepEqual(expectData(searched), []);

      expectError(await call('GET', `/presets/${others.id}`), 403, 'FORBIDDEN');
      expectError(await call('PATCH', `/presets/${others.id}`, { bookmark: 'taken' }), 403, 'FORBIDDEN');
      expectError(await call('DELETE', `/presets/${others.id}`), 403, 'FORBIDDEN');
      // Readable, but not its own: no update or delete either.
      expectError(await call('PATCH', `/presets/${roleWide.id}`, { bookmark: 'x' }), 403, 'FORBIDDEN');
      expectError(await call('DELETE', `/presets/${global.id}`), 403, 'FORBIDDEN');

      const [eli] = await sql<{ bookmark: string }>('SELECT bookmark FROM directus_presets WHERE id = $1', [
        others.id,
      ]);
      assert.equal(eli.bookmark, "Eli's", 'untouched');
      await adminOk('DELETE', '/presets', [others.id, roleWide.id, global.id, own.id]);
    });

    it('cannot create a preset for someone else, nor hand its own over', async () => {
      const { call, id } = members.dana;
      const before = (await sql('SELECT id FROM directus_presets')).length;
      expectError(
        await call('POST', '/presets', { user: members.eli.id, bookmark: 'gift' }),
        400,
        'FAILED_VALIDATION',
      );
      expectError(await call('POST', '/presets', { bookmark: 'nobody' }), 400, 'FAILED_VALIDATION');
      assert.equal((await sql('SELECT id FROM directus_presets')).length, before, 'nothing written');

      const own = expectData<Preset>(await call('POST', '/presets', { user: id, bookmark: 'keep' }));
      expectError(
        await call('PATCH', `/presets/${own.id}`, { user: members.eli.id }),
        400,
        'FAILED_VALIDATION',
      );
      const [row] = await sql<{ user: string }>('SELECT "user" FROM directus_presets WHERE id = $1', [
        own.id,
      ]);
      assert.equal(row.user, id);
      await adminOk('DELETE', `/presets/${own.id}`);
    });

    it('cannot read or write folders without a rule', async () => {
      const { call } = members.dana;
      const existing = await folder('Shared');
      expectError(await call('GET', '/folders'), 403, 'FORBIDDEN');
      expectError(await call('GET', `/folders/${existing.id}`), 403, 'FORBIDDEN');
      expectError(await call('SEARCH', '/folders', { query: {} }), 403, 'FORBIDDEN');
      expectError(await call('POST', '/folders', { name: 'Mine' }), 403, 'FORBIDDEN');
      expectError(await call('PATCH', `/folders/${existing.id}`, { name: 'Renamed' }), 403, 'FORBIDDEN');
      expectError(await call('DELETE', `/folders/${existing.id}`), 403, 'FORBIDDEN');
      const rows = await sql<Folder>('SELECT name FROM directus_folders');
      assert.deepEqual(
        rows.map((row) => row.name),
        ['Shared'],
      );
      await adminOk('DELETE', `/folders/${existing.id}`);
    });
  });
});
