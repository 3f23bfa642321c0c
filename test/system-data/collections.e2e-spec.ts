import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { errorCode, projectWithAdmin, tenantRows } from './system-data-fixture';

/** Roles, policies, access and permissions: Directus's item routes and their batch shapes. */
describe('system collections: CRUD, batches and query parameters', () => {
  let t: TestApp;
  let token: string;
  const call = (method: string, url: string, body?: unknown) =>
    t.request(method, `/acme${url}`, { token, ...(body === undefined ? {} : { body }) });

  before(async () => {
    t = await TestApp.start();
    token = await projectWithAdmin(t, 'acme');
  });
  after(async () => {
    await t?.close();
  });

  describe('roles', () => {
    let editor: string;
    let parent: string;

    it('creates one from an object (200, never 201) and many from an array', async () => {
      const one = await call('POST', '/roles', { name: 'Editor', description: 'Edits' });
      assert.equal(one.status, 200);
      assert.equal(one.body.data.name, 'Editor');
      assert.equal(one.body.data.icon, 'supervised_user_circle');
      assert.match(one.body.data.id, /^[0-9a-f-]{36}$/);
      editor = one.body.data.id;

      const many = await call('POST', '/roles?fields=name', [{ name: 'Parent' }, { name: 'Viewer' }]);
      assert.equal(many.status, 200);
      assert.deepEqual(many.body.data, [{ name: 'Parent' }, { name: 'Viewer' }]);

      const empty = await call('POST', '/roles', []);
      assert.equal(empty.status, 200);
      assert.deepEqual(empty.body.data, []);
    });

    it('reads one by key, and answers 403 for missing or malformed keys', async () => {
      const res = await call('GET', `/roles/${editor}?fields=id,name`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.data, { id: editor, name: 'Editor' });
      for (const key of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1' OR '1'='1"]) {
        const missing = await call('GET', `/roles/${encodeURIComponent(key)}`);
        assert.equal(missing.status, 403, key);
        assert.equal(errorCode(missing), 'FORBIDDEN');
      }
    });

    it('nests roles and refuses cycles', async () => {
      const found = await call('GET', '/roles?filter[name][_eq]=Parent&fields=id');
      parent = found.body.data[0].id;
      const child = await call('PATCH', `/roles/${editor}`, { parent });
      assert.equal(child.status, 200);
      assert.equal(child.body.data.parent, parent);

      const cycle = await call('PATCH', `/roles/${parent}`, { parent: editor });
      assert.equal(cycle.status, 400);
      assert.equal(errorCode(cycle), 'INVALID_PAYLOAD');
      const self = await call('PATCH', `/roles/${editor}`, { parent: editor });
      assert.equal(errorCode(self), 'INVALID_PAYLOAD');
      const unchanged = await call('GET', `/roles/${parent}?fields=parent`);
      assert.equal(unchanged.body.data.parent, null);
    });

    it('updates many: items with keys, {keys, data}, {query, data}', async () => {
      const list = await call('GET', '/roles?filter[name][_in]=Viewer,Parent&fields=id,name&sort=name');
      const [parentRow, viewer] = list.body.data;

      const items = await call('PATCH', '/roles?fields=id,icon', [
        { id: viewer.id, icon: 'visibility' },
        { id: parentRow.id, icon: 'family' },
      ]);
      assert.equal(items.status, 200);
      assert.deepEqual(items.body.data, [
        { id: viewer.id, icon: 'visibility' },
        { id: parentRow.id, icon: 'family' },
      ]);

      const keys = await call('PATCH', '/roles?fields=description', {
        keys: [viewer.id, parentRow.id],
        data: { description: 'batch' },
      });
      assert.equal(keys.status, 200);
      assert.deepEqual(keys.body.data, [{ description: 'batch' }, { description: 'batch' }]);

      const byQuery = await call('PATCH', '/roles?fields=name,description', {
        query: { filter: { description: { _eq: 'batch' } }, sort: ['name'] },
        data: { description: 'by query' },
      });
      assert.equal(byQuery.status, 200);
      assert.equal(byQuery.body.data.length, 2);
      assert.ok(byQuery.body.data.every((row: { description: string }) => row.description === 'by query'));

      const nothing = await call('PATCH', '/roles', {
        query: { filter: { name: { _eq: 'nobody' } } },
        data: {},
      });
      assert.equal(nothing.status, 200);
      assert.deepEqual(nothing.body.data, []);
    });

    it('refuses malformed batch bodies', async () => {
      const cases: Array<[string, string, unknown]> = [
        ['PATCH', '/roles', { keys: [editor] }],
        ['PATCH', '/roles', { keys: [editor], query: {}, data: {} }],
        ['PATCH', '/roles', [{ name: 'no key' }]],
        ['PATCH', '/roles', 'text'],
        ['DELETE', '/roles', {}],
        ['DELETE', '/roles', { keys: 'x' }],
        ['POST', '/roles', 'text'],
      ];
      for (const [method, url, body] of cases) {
        const res = await call(method, url, body);
        assert.equal(res.status, 400, `${method} ${JSON.stringify(body)}`);
        assert.equal(errorCode(res), 'INVALID_PAYLOAD');
      }
      // Like Directus, a field the collection does not have is dropped, not refused.
      const unknownField = await call('PATCH', `/roles/${editor}`, { nope: 1 });
      assert.equal(unknownField.status, 200);
      assert.equal(unknownField.body.data.nope, undefined);
      const required = await call('POST', '/roles', { description: 'no name' });
      assert.equal(required.status, 400);
      assert.equal(errorCode(required), 'FAILED_VALIDATION');
      assert.equal(required.body.errors[0].extensions.field, 'name');
    });

    it('answers 403 when a batch updates a key that does not exist, and writes nothing', async () => {
      const res = await call('PATCH', '/roles', [
        { id: editor, description: 'should roll back' },
        { id: '00000000-0000-4000-8000-000000000000', description: 'x' },
      ]);
      assert.equal(res.status, 403);
      assert.equal(errorCode(res), 'FORBIDDEN');
      const check = await call('GET', `/roles/${editor}?fields=description`);
      assert.equal(check.body.data.description, 'Edits');
      // One key alone: an admin's update of a missing key is not pre-checked (Directus), 204 with no body.
      const missing = await call('PATCH', '/roles/00000000-0000-4000-8000-000000000000', { name: 'x' });
      assert.equal(missing.status, 204);
    });

    it('deletes one (204), many by array, {keys} and {query}', async () => {
      const made = await call('POST', '/roles?fields=id', [
        { name: 'D1' },
        { name: 'D2' },
        { name: 'D3' },
        { name: 'D4' },
        { name: 'D5' },
      ]);
      const [d1, d2, d3, d4] = made.body.data.map((row: { id: string }) => row.id);

      const one = await call('DELETE', `/roles/${d1}`);
      assert.equal(one.status, 204);
      assert.equal(one.text, '');
      const array = await call('DELETE', '/roles', [d2]);
      assert.equal(array.status, 204);
      const keys = await call('DELETE', '/roles', { keys: [d3, d4] });
      assert.equal(keys.status, 204);
      const query = await call('DELETE', '/roles', { query: { filter: { name: { _eq: 'D5' } } } });
      assert.equal(query.status, 204);

      const left = await call('GET', '/roles?filter[name][_starts_with]=D&meta=filter_count');
      assert.equal(left.body.meta.filter_count, 0);
      const again = await call('DELETE', `/roles/${d1}`);
      assert.equal(again.status, 403);
      assert.equal(errorCode(again), 'FORBIDDEN');

      const history = await tenantRows<{ count: number }>(
        t,
        'acme',
        `SELECT count(*)::int AS count FROM directus_activity WHERE action = 'delete' AND collection = 'directus_roles'`,
      );
      assert.equal(history[0].count, 5);
    });

    it('refuses to delete a role that still has child roles (foreign key)', async () => {
      const res = await call('DELETE', `/roles/${parent}`);
      assert.equal(res.status, 400);
      assert.equal(errorCode(res), 'INVALID_FOREIGN_KEY');
    });
  });

  describe('query parameters', () => {
    before(async () => {
      await call(
        'POST',
        '/roles',
        ['Alpha', 'Beta', 'Gamma', 'Delta', 'alpha 2'].map((name, index) => ({
          name,
          description: `n${index}`,
        })),
      );
    });

    const names = async (query: string) => {
      const res = await call('GET', `/roles?fields=name&${query}`);
      assert.equal(res.status, 200, `${query}: ${res.text}`);
      return res.body.data.map((row: { name: string }) => row.name);
    };

    it('filters in the JSON and the bracket forms', async () => {
      const json = encodeURIComponent(JSON.stringify({ name: { _in: ['Alpha', 'Beta'] } }));
      assert.deepEqual(await names(`filter=${json}&sort=name`), ['Alpha', 'Beta']);
      assert.deepEqual(await names('filter[name][_in]=Alpha,Beta&sort=-name'), ['Beta', 'Alpha']);
      assert.deepEqual(await names('filter[name][_in][]=Gamma&filter[name][_in][]=Delta&sort=name'), [
        'Delta',
        'Gamma',
      ]);
      assert.deepEqual(await names('filter[name][_istarts_with]=ALPHA&sort=name'), ['Alpha', 'alpha 2']);
      assert.deepEqual(
        await names(
          `filter=${encodeURIComponent(JSON.stringify({ _or: [{ name: { _eq: 'Beta' } }, { description: { _eq: 'n2' } }] }))}&sort=name`,
        ),
        ['Beta', 'Gamma'],
      );
      assert.deepEqual(await names('filter[name][_contains]=%25'), []);
    });

    it('searches, sorts, limits, offsets and pages', async () => {
      assert.deepEqual(await names('search=alpha&sort=name'), ['Alpha', 'alpha 2']);
      assert.deepEqual(await names('filter[description][_starts_with]=n&sort=-description'), [
        'alpha 2',
        'Delta',
        'Gamma',
        'Beta',
        'Alpha',
      ]);
      assert.deepEqual(await names('filter[description][_starts_with]=n&sort=description&limit=2&offset=1'), [
        'Beta',
        'Gamma',
      ]);
      assert.deepEqual(await names('filter[description][_starts_with]=n&sort=description&limit=2&page=3'), [
        'alpha 2',
      ]);
      assert.equal((await names('limit=-1')).length, (await names('limit=1000')).length);
    });

    it('answers meta counts only when asked', async () => {
      const plain = await call('GET', '/roles?limit=1');
      assert.equal(plain.body.meta, undefined);
      const res = await call('GET', '/roles?limit=1&meta=*&filter[description][_starts_with]=n');
      assert.equal(res.body.data.length, 1);
      assert.equal(res.body.meta.filter_count, 5);
      const all = await tenantRows<{ count: number }>(
        t,
        'acme',
        'SELECT count(*)::int AS count FROM directus_roles',
      );
      assert.equal(res.body.meta.total_count, all[0].count);
      const total = await call('GET', '/roles?meta=total_count');
      assert.deepEqual(Object.keys(total.body.meta), ['total_count']);
    });

    it('answers SEARCH with the body query and keys', async () => {
      const alpha = await call('GET', '/roles?filter[name][_eq]=Alpha&fields=id');
      const res = await call('SEARCH', '/roles', {
        query: { fields: ['name'], filter: { name: { _starts_with: 'A' } }, meta: 'filter_count' },
        keys: [alpha.body.data[0].id],
      });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { data: [{ name: 'Alpha' }], meta: { filter_count: 1 } });
    });

    const refused: Array<[string, number, string]> = [
      ['fields=nope', 403, 'FORBIDDEN'],
      // A field that does not exist is a 403, relational path or not (the interim engine said 400).
      ['fields=role.name', 403, 'FORBIDDEN'],
      // Directus refuses an empty list (the interim engine matched nothing).
      [`filter=${encodeURIComponent('{"name":{"_in":[]}}')}`, 400, 'INVALID_QUERY'],
      ['sort=nope', 403, 'FORBIDDEN'],
      ['filter[nope][_eq]=1', 403, 'FORBIDDEN'],
      ['filter[name][_like]=x', 400, 'INVALID_QUERY'],
      [`filter=${encodeURIComponent('{"name":')}`, 400, 'INVALID_QUERY'],
      ['filter[id][_eq]=not-a-uuid', 400, 'INVALID_QUERY'],
      ['meta=everything', 400, 'INVALID_QUERY'],
      ['limit=abc', 400, 'INVALID_QUERY'],
      ['limit=-5', 400, 'INVALID_QUERY'],
      ['offset=-1', 400, 'INVALID_QUERY'],
      ['filter[__proto__][x]=1', 400, 'INVALID_QUERY'],
      [`sort=${encodeURIComponent('name; DROP TABLE directus_roles')}`, 403, 'FORBIDDEN'],
      [`fields=${encodeURIComponent('"name" FROM directus_users --')}`, 403, 'FORBIDDEN'],
    ];
    for (const [query, status, code] of refused) {
      it(`refuses ?${decodeURIComponent(query)} with ${status} ${code}`, async () => {
        const res = await call('GET', `/roles?${query}`);
        assert.equal(res.status, status, res.text);
        assert.equal(errorCode(res), code);
      });
    }

    it('takes hostile values as plain data', async () => {
      const hostile = "x'); DROP TABLE directus_roles; --";
      const created = await call('POST', '/roles?fields=name', { name: hostile });
      assert.equal(created.status, 200);
      assert.deepEqual(await names(`filter[name][_eq]=${encodeURIComponent(hostile)}`), [hostile]);
      const table = await tenantRows(t, 'acme', `SELECT to_regclass('directus_roles') AS t`);
      assert.equal(table[0].t, 'directus_roles');
    });
  });

  describe('policies, access and permissions', () => {
    let policy: string;
    let role: string;

    it('creates a policy with an ip_access list', async () => {
      const res = await call('POST', '/policies', {
        name: 'Readers',
        app_access: true,
        ip_access: ['10.0.0.0/8', '192.168.1.1'],
      });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.data.ip_access, ['10.0.0.0/8', '192.168.1.1']);
      assert.equal(res.body.data.admin_access, false);
      assert.equal(res.body.data.app_access, true);
      assert.equal(res.body.data.enforce_tfa, false);
      policy = res.body.data.id;
      const stored = await tenantRows(t, 'acme', 'SELECT ip_access FROM directus_policies WHERE id = $1', [
        policy,
      ]);
      assert.equal(stored[0].ip_access, '10.0.0.0/8,192.168.1.1');

      const csv = await call('PATCH', `/policies/${policy}`, { ip_access: '127.0.0.1' });
      assert.deepEqual(csv.body.data.ip_access, ['127.0.0.1']);
      const bad = await call('PATCH', `/policies/${policy}`, { admin_access: 'sometimes' });
      assert.equal(errorCode(bad), 'INVALID_PAYLOAD');
    });

    it('links policies to a role, a user, or the public, never both', async () => {
      role = (await call('POST', '/roles', { name: 'Linked' })).body.data.id;
      const toRole = await call('POST', '/access', { role, policy, sort: 1 });
      assert.equal(toRole.status, 200);
      assert.deepEqual(
        { role: toRole.body.data.role, user: toRole.body.data.user, policy: toRole.body.data.policy },
        { role, user: null, policy },
      );
      const toPublic = await call('POST', '/access', { policy });
      assert.equal(toPublic.status, 200);

      const me = await call('GET', '/users/me?fields=id');
      const both = await call('POST', '/access', { role, user: me.body.data.id, policy });
      assert.equal(both.status, 400);
      assert.equal(errorCode(both), 'INVALID_PAYLOAD');
      const becomesBoth = await call('PATCH', `/access/${toRole.body.data.id}`, { user: me.body.data.id });
      assert.equal(errorCode(becomesBoth), 'INVALID_PAYLOAD');

      const noPolicy = await call('POST', '/access', { role });
      assert.equal(errorCode(noPolicy), 'FAILED_VALIDATION');
      assert.equal(noPolicy.body.errors[0].extensions.field, 'policy');
      const ghost = await call('POST', '/access', { role, policy: '00000000-0000-4000-8000-000000000000' });
      assert.equal(errorCode(ghost), 'INVALID_FOREIGN_KEY');

      const list = await call('GET', `/access?filter[policy][_eq]=${policy}&meta=filter_count`);
      assert.equal(list.body.meta.filter_count, 2);
    });

    it('stores permissions with fields as CSV and filters as JSON', async () => {
      const res = await call('POST', '/permissions', [
        {
          policy,
          collection: 'articles',
          action: 'read',
          fields: ['id', 'title'],
          permissions: { status: { _eq: 'published' } },
          presets: { status: 'draft' },
        },
        { policy, collection: 'articles', action: 'update', fields: '*' },
      ]);
      assert.equal(res.status, 200);
      const [read, update] = res.body.data;
      assert.equal(typeof read.id, 'number');
      assert.deepEqual(read.fields, ['id', 'title']);
      assert.deepEqual(read.permissions, { status: { _eq: 'published' } });
      assert.deepEqual(read.presets, { status: 'draft' });
      assert.equal(read.validation, null);
      assert.deepEqual(update.fields, ['*']);

      const one = await call('GET', `/permissions/${read.id}?fields=action,collection`);
      assert.deepEqual(one.body.data, { action: 'read', collection: 'articles' });
      const patched = await call('PATCH', `/permissions/${read.id}`, {
        validation: { title: { _nnull: true } },
      });
      assert.deepEqual(patched.body.data.validation, { title: { _nnull: true } });

      for (const [body, code] of [
        [{ policy, collection: 'articles', action: 'publish' }, 'FAILED_VALIDATION'],
        [{ policy, action: 'read' }, 'FAILED_VALIDATION'],
        [{ policy, collection: 'articles', action: 'read', permissions: [1] }, 'FAILED_VALIDATION'],
      ] as const) {
        const refused = await call('POST', '/permissions', body);
        assert.equal(refused.status, 400, JSON.stringify(body));
        assert.equal(errorCode(refused), code);
      }
      // Like Directus, an unknown field is dropped and a serial key is the database's, whatever was sent.
      const loose = await call('POST', '/permissions', {
        id: 99,
        policy,
        collection: 'x',
        action: 'read',
        bogus: true,
      });
      assert.equal(loose.status, 200);
      assert.notEqual(loose.body.data.id, 99);
      assert.equal(loose.body.data.bogus, undefined);
      assert.equal((await call('DELETE', `/permissions/${loose.body.data.id}`)).status, 204);
      for (const key of ['abc', '0', '99999']) {
        assert.equal((await call('GET', `/permissions/${key}`)).status, 403, key);
      }
      const byAction = await call('GET', '/permissions?filter[action][_eq]=update&fields=action');
      assert.deepEqual(byAction.body.data, [{ action: 'update' }]);
      const deleted = await call('DELETE', '/permissions', [read.id, update.id]);
      assert.equal(deleted.status, 204);
    });

    it('cascades a deleted policy to its access rows', async () => {
      assert.equal((await call('DELETE', `/policies/${policy}`)).status, 204);
      const rows = await tenantRows(t, 'acme', 'SELECT id FROM directus_access WHERE policy = $1', [policy]);
      assert.equal(rows.length, 0);
    });
  });
});
