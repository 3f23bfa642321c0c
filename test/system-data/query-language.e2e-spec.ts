import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { errorCode, projectWithAdmin, tenantRows } from './system-data-fixture';

const MASK = '**********';

/**
 * System collections read through the same compiler as items: relations (the system overlay's m2o, o2m and
 * m2m), relational filters, search, sort, meta, aggregate/groupBy, deep and alias, with secrets concealed.
 */
describe('system collections: the full query language', () => {
  let t: TestApp;
  let token: string;
  let adminId: string;
  let writers: string;
  let editors: string;
  let publishing: string;
  const call = (method: string, url: string, body?: unknown, as = token) =>
    t.request(method, `/acme${url}`, { token: as, ...(body === undefined ? {} : { body }) });
  const ok = async (method: string, url: string, body?: unknown) => {
    const res = await call(method, url, body);
    assert.equal(res.status, 200, `${method} ${url}: ${res.text}`);
    return res.body;
  };

  before(async () => {
    t = await TestApp.start();
    token = await projectWithAdmin(t, 'acme');
    adminId = (await ok('GET', '/users/me?fields=id')).data.id;
    editors = (await ok('POST', '/roles', { name: 'Editors' })).data.id;
    writers = (await ok('POST', '/roles', { name: 'Writers', parent: editors })).data.id;
    publishing = (await ok('POST', '/policies', { name: 'Publishing', app_access: true })).data.id;
    await ok('POST', '/access', { role: writers, policy: publishing });
    await ok('POST', '/permissions', { policy: publishing, collection: 'articles', action: 'read' });
    await ok('POST', '/users', [
      { email: 'ann@acme.test', first_name: 'Ann', role: writers, password: 'a long enough password' },
      { email: 'bob@acme.test', first_name: 'Bob', role: writers },
      { email: 'cid@acme.test', first_name: 'Cid', role: editors },
    ]);
    await ok('POST', '/comments', { collection: 'articles', item: '1', comment: 'Looks good' });
    await ok('POST', '/comments', { collection: 'articles', item: '2', comment: 'Needs work' });
  });
  after(async () => {
    await t?.close();
  });

  describe('relations', () => {
    it('reads an m2o and filters through it', async () => {
      const res = await ok('GET', '/users?fields=*,role.name&filter[role][name][_eq]=Writers&sort=email');
      assert.deepEqual(
        res.data.map((user: { email: string; role: { name: string } }) => [user.email, user.role]),
        [
          ['ann@acme.test', { name: 'Writers' }],
          ['bob@acme.test', { name: 'Writers' }],
        ],
      );
      assert.equal(res.data[0].password, MASK, '* still conceals the password');
      assert.equal(res.data[1].password, null);
    });

    it("reads an o2m (a role's users) and filters with _some/_none", async () => {
      const res = await ok(
        'GET',
        '/roles?fields=name,users.email&filter[name][_in]=Writers,Editors&sort=name&deep[users][_sort]=email',
      );
      assert.deepEqual(res.data, [
        { name: 'Editors', users: [{ email: 'cid@acme.test' }] },
        { name: 'Writers', users: [{ email: 'ann@acme.test' }, { email: 'bob@acme.test' }] },
      ]);
      const some = await ok('GET', '/roles?fields=name&filter[users][_some][first_name][_eq]=Bob');
      assert.deepEqual(some.data, [{ name: 'Writers' }]);
      const none = await ok(
        'GET',
        '/roles?fields=name&filter[users][_none][id][_nnull]=true&filter[name][_in]=Writers,Editors',
      );
      assert.deepEqual(none.data, []);
    });

    it('lists o2m and m2m aliases as keys in *, as Directus does', async () => {
      const res = await ok('GET', `/roles/${writers}`);
      assert.equal(res.data.parent, editors);
      assert.equal(res.data.users.length, 2);
      assert.equal(res.data.policies.length, 1);
      assert.deepEqual(res.data.children, []);
      const parent = await ok('GET', `/roles/${editors}?fields=children.name,children.parent.name`);
      assert.deepEqual(parent.data.children, [{ name: 'Writers', parent: { name: 'Editors' } }]);
    });

    it('follows policies through the access junction (m2m) both ways', async () => {
      const policy = await ok(
        'GET',
        `/policies/${publishing}?fields=name,roles.role.name,permissions.collection,permissions.action`,
      );
      assert.deepEqual(policy.data, {
        name: 'Publishing',
        roles: [{ role: { name: 'Writers' } }],
        permissions: [{ collection: 'articles', action: 'read' }],
      });
      const role = await ok(
        'GET',
        `/roles/${writers}?fields=policies.policy.name,policies.policy.app_access`,
      );
      assert.deepEqual(role.data.policies, [{ policy: { name: 'Publishing', app_access: true } }]);
      const byPolicy = await ok(
        'GET',
        '/users?fields=email&filter[role][policies][_some][policy][name][_eq]=Publishing&sort=email',
      );
      assert.deepEqual(byPolicy.data, [{ email: 'ann@acme.test' }, { email: 'bob@acme.test' }]);
    });

    it('links revisions and activity both ways', async () => {
      const revisions = await ok(
        'GET',
        '/revisions?fields=*,activity.action,activity.user.email&filter[collection][_eq]=directus_policies',
      );
      assert.equal(revisions.data.length, 1);
      assert.deepEqual(revisions.data[0].activity, { action: 'create', user: { email: 'admin@acme.test' } });
      assert.equal(revisions.data[0].data.name, 'Publishing');
      const activity = await ok(
        'GET',
        '/activity?fields=action,revisions.collection&filter[collection][_eq]=directus_policies',
      );
      assert.deepEqual(activity.data, [
        { action: 'create', revisions: [{ collection: 'directus_policies' }] },
      ]);
    });

    it('applies deep and alias to a relation', async () => {
      const res = await ok(
        'GET',
        `/roles/${writers}?fields=label,users.email&alias[label]=name` +
          '&deep[users][_filter][email][_starts_with]=b&deep[users][_sort]=-email',
      );
      assert.deepEqual(res.data, { label: 'Writers', users: [{ email: 'bob@acme.test' }] });
    });

    it('reads relations back after a write', async () => {
      const ann = await ok('GET', '/users?filter[email][_eq]=ann@acme.test&fields=id');
      const res = await ok('PATCH', `/users/${ann.data[0].id}?fields=title,role.name,role.parent.name`, {
        title: 'Lead',
      });
      assert.deepEqual(res.data, { title: 'Lead', role: { name: 'Writers', parent: { name: 'Editors' } } });
    });

    it('updates and deletes by a relational query', async () => {
      const updated = await ok('PATCH', '/users?fields=email,location', {
        query: { filter: { role: { name: { _eq: 'Editors' } } } },
        data: { location: 'Lyon' },
      });
      assert.deepEqual(updated.data, [{ email: 'cid@acme.test', location: 'Lyon' }]);
      const temp = (await ok('POST', '/roles', { name: 'Temp' })).data.id;
      await ok('POST', '/users', { email: 'tmp@acme.test', role: temp });
      const removed = await call('DELETE', '/users', {
        query: { filter: { role: { name: { _eq: 'Temp' } } } },
      });
      assert.equal(removed.status, 204);
      const left = await ok('GET', '/users?filter[email][_eq]=tmp@acme.test&meta=filter_count');
      assert.equal(left.meta.filter_count, 0);
    });
  });

  describe('secrets', () => {
    it('masks concealed fields however they are reached', async () => {
      const direct = await ok(
        'GET',
        '/users?fields=email,password,token,tfa_secret&filter[email][_eq]=ann@acme.test',
      );
      assert.deepEqual(direct.data, [
        { email: 'ann@acme.test', password: MASK, token: null, tfa_secret: null },
      ]);
      const nested = await ok(
        'GET',
        `/roles/${writers}?fields=users.password&deep[users][_filter][email][_eq]=ann@acme.test`,
      );
      assert.deepEqual(nested.data.users, [{ password: MASK }]);
      const [stored] = await tenantRows<{ password: string }>(
        t,
        'acme',
        'SELECT password FROM directus_users WHERE email = $1',
        ['ann@acme.test'],
      );
      assert.ok(!JSON.stringify(direct.data).includes(stored.password));
    });

    const refused: Array<[string, string]> = [
      ['/users', 'filter[password][_starts_with]=a'],
      ['/users', 'filter[token][_nnull]=true'],
      ['/users', 'filter[role][users][password][_starts_with]=%24'],
      ['/users', 'sort=password'],
      ['/comments', 'sort=-user_created.tfa_secret'],
      ['/users', 'aggregate[min]=password'],
      ['/users', 'aggregate[countDistinct]=token'],
      ['/users', 'groupBy[]=tfa_secret'],
    ];
    for (const [path, query] of refused) {
      it(`refuses ${path}?${decodeURIComponent(query)} with 403`, async () => {
        const res = await call('GET', `${path}?${query}`);
        assert.equal(res.status, 403, res.text);
        assert.equal(errorCode(res), 'FORBIDDEN');
      });
    }

    it('never searches secrets', async () => {
      const res = await ok('GET', '/users?search=argon2&fields=email');
      assert.deepEqual(res.data, []);
    });
  });

  describe('lists', () => {
    it('filters, sorts, counts and aggregates the activity', async () => {
      const res = await ok(
        'GET',
        '/activity?filter[action][_eq]=create&filter[collection][_eq]=directus_users&sort=-timestamp,-id&meta=*&fields=item',
      );
      const created = await tenantRows<{ item: string }>(
        t,
        'acme',
        `SELECT item FROM directus_activity WHERE action = 'create' AND collection = 'directus_users'
         ORDER BY "timestamp" DESC, id DESC`,
      );
      assert.deepEqual(res.data, created);
      assert.equal(res.meta.filter_count, created.length);
      assert.ok(res.meta.total_count > created.length);
      const counted = await ok('GET', '/activity?filter[action][_eq]=create&aggregate[count]=*');
      // Counts are bigints: strings, as node-postgres hands them to Directus.
      const [{ count }] = await tenantRows<{ count: string }>(
        t,
        'acme',
        `SELECT count(*)::text AS count FROM directus_activity WHERE action = 'create'`,
      );
      assert.deepEqual(counted.data, [{ count }]);
      const grouped = await ok(
        'GET',
        '/activity?aggregate[count]=id&groupBy[]=action&filter[collection][_eq]=directus_roles&sort=action',
      );
      assert.deepEqual(grouped.data, [{ action: 'create', count: { id: '3' } }]);
    });

    it('searches and pages users by their text fields', async () => {
      const res = await ok('GET', '/users?search=acme.test&fields=email&sort=email&limit=2&page=2');
      assert.deepEqual(res.data, [{ email: 'bob@acme.test' }, { email: 'cid@acme.test' }]);
    });

    it('gives comments the full query language', async () => {
      const res = await ok(
        'GET',
        '/comments?fields=comment,user_created.email,user_created.role.name&filter[user_created][email][_eq]=admin@acme.test&sort=-comment&meta=filter_count',
      );
      assert.equal(res.meta.filter_count, 2);
      assert.deepEqual(
        res.data.map((row: { comment: string }) => row.comment),
        ['Needs work', 'Looks good'],
      );
      assert.equal(res.data[0].user_created.email, 'admin@acme.test');
      const search = await ok('GET', '/comments?search=work&fields=item');
      assert.deepEqual(search.data, [{ item: '2' }]);
      const byItem = await ok('GET', '/comments?aggregate[count]=*&groupBy[]=item&sort=item');
      assert.deepEqual(byItem.data, [
        { item: '1', count: '1' },
        { item: '2', count: '1' },
      ]);
      const searched = await call('SEARCH', '/comments', {
        query: { fields: ['comment', 'user_created.email'], filter: { item: { _eq: '1' } } },
      });
      assert.equal(searched.status, 200, searched.text);
      assert.deepEqual(searched.body.data, [
        { comment: 'Looks good', user_created: { email: 'admin@acme.test' } },
      ]);
    });

    it('reads permissions fields and policies ip_access as arrays', async () => {
      const permissions = await ok(
        'GET',
        '/permissions?fields=fields,policy.name&filter[collection][_eq]=articles',
      );
      assert.deepEqual(permissions.data, [{ fields: null, policy: { name: 'Publishing' } }]);
      await ok('PATCH', `/policies/${publishing}`, { ip_access: ['10.0.0.0/8'] });
      const policies = await ok('GET', `/policies?fields=ip_access&filter[id][_eq]=${publishing}`);
      assert.deepEqual(policies.data, [{ ip_access: ['10.0.0.0/8'] }]);
    });
  });

  describe('the schema of system collections', () => {
    it('describes secrets, casts and system relations in /fields and /relations', async () => {
      const password = await ok('GET', '/fields/directus_users/password');
      assert.equal(password.data.type, 'hash');
      assert.deepEqual(password.data.meta.special, ['hash', 'conceal']);
      const aliases = await ok('GET', '/fields/directus_roles/users');
      assert.deepEqual([aliases.data.type, aliases.data.meta.special], ['alias', ['o2m']]);
      const relations = await ok('GET', '/relations/directus_users');
      const role = relations.data.find((relation: { field: string }) => relation.field === 'role');
      assert.equal(role.meta.one_field, 'users');
      assert.equal(role.schema.constraint_name, 'directus_users_role_foreign');
    });

    it("conceals a user's secrets read through a user collection too", async () => {
      await ok('POST', '/collections', {
        collection: 'notes',
        fields: [
          { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
          { field: 'owner', type: 'uuid', schema: {} },
        ],
      });
      await ok('POST', '/relations', {
        collection: 'notes',
        field: 'owner',
        related_collection: 'directus_users',
      });
      const ann = (await ok('GET', '/users?filter[email][_eq]=ann@acme.test&fields=id')).data[0].id;
      await ok('POST', '/items/notes', { owner: ann });
      const read = await ok('GET', '/items/notes?fields=owner.email,owner.password,owner.token');
      assert.deepEqual(read.data, [{ owner: { email: 'ann@acme.test', password: MASK, token: null } }]);
      const refused = await call('GET', '/items/notes?filter[owner][password][_starts_with]=%24');
      assert.equal(refused.status, 403, refused.text);
      const snapshot = await ok('GET', '/schema/snapshot');
      assert.deepEqual(
        snapshot.data.collections.map((collection: { collection: string }) => collection.collection),
        ['notes'],
      );
      assert.ok(
        snapshot.data.relations.every((relation: { collection: string }) => relation.collection === 'notes'),
      );
    });
  });

  describe('a non-admin without any policy', () => {
    let member: string;
    let memberId: string;

    before(async () => {
      member = 'member-static-token-0123456789';
      memberId = (await ok('POST', '/users', { email: 'member@acme.test', role: writers, token: member }))
        .data.id;
    });

    it('learns who they are from /users/me, reads their role chain, and nothing else', async () => {
      const me = await call('GET', '/users/me?fields=email,token,password', undefined, member);
      assert.equal(me.status, 200, me.text);
      assert.deepEqual(me.body.data, { id: memberId });
      for (const url of ['/users', `/users/${adminId}`, '/roles', '/activity', '/comments', '/revisions']) {
        const res = await call('GET', url, undefined, member);
        assert.equal(res.status, 403, url);
      }
      const roles = await call('GET', '/roles/me?fields=name,children.name', undefined, member);
      assert.equal(roles.status, 200, roles.text);
      assert.deepEqual(roles.body.data, [
        { name: 'Writers', children: [] },
        { name: 'Editors', children: [{ name: 'Writers' }] },
      ]);
    });
  });
});
