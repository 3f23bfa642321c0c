import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashToken } from '@atrium/auth';
import { TestApp } from '../support/test-app';
import { errorCode, projectWithAdmin, tenantRows } from './system-data-fixture';

const MASK = '**********';

describe('users, /users/me, /roles/me, /policies/me/globals', () => {
  let t: TestApp;
  let token: string;
  let adminId: string;
  const call = (method: string, url: string, body?: unknown, as = token) =>
    t.request(method, `/acme${url}`, { token: as, ...(body === undefined ? {} : { body }) });

  before(async () => {
    t = await TestApp.start();
    token = await projectWithAdmin(t, 'acme');
    await projectWithAdmin(t, 'other');
    adminId = (await call('GET', '/users/me?fields=id')).body.data.id;
  });
  after(async () => {
    await t?.close();
  });

  describe('secrets', () => {
    let userId: string;
    const password = 'correct horse battery staple';
    const staticToken = 'editor-static-token-0123456789';

    it('conceals password and token on every read', async () => {
      const created = await call('POST', '/users', {
        email: 'editor@acme.test',
        password,
        token: staticToken,
        first_name: 'Eddie',
      });
      assert.equal(created.status, 200, created.text);
      assert.equal(created.body.data.password, MASK);
      assert.equal(created.body.data.token, MASK);
      assert.equal(created.body.data.tfa_secret, null);
      assert.equal(created.body.data.status, 'active');
      assert.equal(created.body.data.provider, 'default');
      userId = created.body.data.id;

      const read = await call('GET', `/users/${userId}?fields=password,token,tfa_secret`);
      assert.deepEqual(read.body.data, { password: MASK, token: MASK, tfa_secret: null });
      const list = await call('GET', '/users?fields=email,token&sort=email');
      assert.deepEqual(list.body.data, [
        { email: 'admin@acme.test', token: MASK },
        { email: 'editor@acme.test', token: MASK },
      ]);
    });

    it('stores an argon2id hash and the SHA-256 of the static token', async () => {
      const [row] = await tenantRows<{ password: string; token: string }>(
        t,
        'acme',
        'SELECT password, token FROM directus_users WHERE id = $1',
        [userId],
      );
      assert.match(row.password, /^\$argon2id\$/);
      assert.equal(row.token, hashToken(staticToken));
    });

    it('keeps secrets out of revisions and activity', async () => {
      await call('PATCH', `/users/${userId}`, { password: 'another long password', last_name: 'E' });
      const [row] = await tenantRows<{ password: string; token: string }>(
        t,
        'acme',
        'SELECT password, token FROM directus_users WHERE id = $1',
        [userId],
      );
      const revisions = await tenantRows<{ data: string; delta: string }>(
        t,
        'acme',
        `SELECT data::text AS data, delta::text AS delta FROM directus_revisions WHERE collection = 'directus_users'`,
      );
      assert.ok(revisions.length >= 2);
      const activity = await tenantRows(t, 'acme', 'SELECT * FROM directus_activity');
      const everything = JSON.stringify(revisions) + JSON.stringify(activity);
      for (const secret of [password, 'another long password', staticToken, row.password, row.token, MASK]) {
        assert.ok(!everything.includes(secret), `history contains ${secret}`);
      }
      for (const revision of revisions) {
        for (const part of [JSON.parse(revision.data), JSON.parse(revision.delta)]) {
          assert.ok(!('password' in part) && !('token' in part) && !('tfa_secret' in part));
        }
      }
      const latest = revisions.at(-1)!;
      assert.deepEqual(JSON.parse(latest.delta), { last_name: 'E' });
      assert.equal(JSON.parse(latest.data).email, 'editor@acme.test');
    });

    it('records who did it in the activity', async () => {
      const rows = await tenantRows<{
        action: string;
        user: string;
        item: string;
        user_agent: string | null;
      }>(
        t,
        'acme',
        `SELECT action, "user", item FROM directus_activity WHERE collection = 'directus_users' ORDER BY id`,
      );
      assert.deepEqual(
        rows.map((row) => [row.action, row.user, row.item]),
        [
          ['create', adminId, userId],
          ['update', adminId, userId],
        ],
      );
    });

    it('never filters, sorts or searches on secrets', async () => {
      for (const query of ['filter[password][_nnull]=true', 'filter[token][_eq]=x', 'sort=tfa_secret']) {
        const res = await call('GET', `/users?${query}`);
        assert.equal(res.status, 403, query);
        assert.equal(errorCode(res), 'FORBIDDEN');
      }
      const search = await call('GET', `/users?search=${hashToken(staticToken).slice(0, 12)}`);
      assert.deepEqual(search.body.data, []);
    });

    it('lets the new static token in, as a non-admin: 403 on admin routes', async () => {
      // No policy grants this user anything: Directus answers who they are, and nothing more.
      const me = await call('GET', '/users/me?fields=email,role', undefined, staticToken);
      assert.equal(me.status, 200);
      assert.deepEqual(me.body.data, { id: userId });
      for (const [method, url, body] of [
        ['GET', '/users', undefined],
        ['GET', `/users/${adminId}`, undefined],
        ['SEARCH', '/users', {}],
        ['POST', '/roles', { name: 'x' }],
        ['PATCH', '/policies', { keys: [], data: {} }],
        ['DELETE', '/permissions', []],
        ['GET', '/access', undefined],
        ['GET', '/settings', undefined],
        ['PATCH', '/settings', { project_name: 'x' }],
      ] as const) {
        const res = await call(method, url, body, staticToken);
        assert.equal(res.status, 403, `${method} ${url}`);
        assert.equal(errorCode(res), 'FORBIDDEN');
      }
    });

    it('clears a static token with null', async () => {
      const res = await call('PATCH', `/users/${userId}?fields=token`, { token: null });
      assert.deepEqual(res.body.data, { token: null });
      const refused = await call('GET', '/users/me', undefined, staticToken);
      assert.equal(refused.status, 401);
      assert.equal(errorCode(refused), 'INVALID_CREDENTIALS');
    });

    it('only clears the two-factor secret', async () => {
      const set = await call('PATCH', `/users/${userId}`, { tfa_secret: 'JBSWY3DPEHPK3PXP' });
      assert.equal(set.status, 400);
      assert.equal(errorCode(set), 'INVALID_PAYLOAD');
      const cleared = await call('PATCH', `/users/${userId}`, { tfa_secret: null });
      assert.equal(cleared.status, 200);
    });
  });

  describe('validation', () => {
    it('keeps emails unique regardless of case', async () => {
      const res = await call('POST', '/users', { email: 'EDITOR@acme.test' });
      assert.equal(res.status, 400);
      assert.equal(errorCode(res), 'RECORD_NOT_UNIQUE');
      assert.equal(res.body.errors[0].extensions.field, 'email');
      const bad = await call('POST', '/users', { email: 'not an email' });
      assert.equal(errorCode(bad), 'FAILED_VALIDATION');
      assert.equal(bad.body.errors[0].extensions.field, 'email');
    });

    it("limits status to Directus's values", async () => {
      const res = await call('POST', '/users', { email: 's@acme.test', status: 'asleep' });
      assert.equal(res.status, 400);
      assert.equal(errorCode(res), 'FAILED_VALIDATION');
      assert.equal(res.body.errors[0].extensions.field, 'status');
      const ok = await call('POST', '/users?fields=status', { email: 's@acme.test', status: 'draft' });
      assert.deepEqual(ok.body.data, { status: 'draft' });
    });

    it("enforces the project's password policy on set", async () => {
      const policy = await call('PATCH', '/settings', { auth_password_policy: '/^.{12,}$/' });
      assert.equal(policy.status, 200);
      const short = await call('POST', '/users', { email: 'short@acme.test', password: 'short' });
      assert.equal(short.status, 400);
      assert.equal(errorCode(short), 'FAILED_VALIDATION');
      assert.equal(short.body.errors[0].extensions.field, 'password');
      assert.ok(!short.text.includes('short@'), 'no payload echo');
      const mine = await call('PATCH', '/users/me', { password: 'tiny' });
      assert.equal(errorCode(mine), 'FAILED_VALIDATION');
      const long = await call('POST', '/users', {
        email: 'long@acme.test',
        password: 'long enough password',
      });
      assert.equal(long.status, 200);
      await call('PATCH', '/settings', { auth_password_policy: null });
    });

    it('deletes users one by one and by query, cascading their access rows', async () => {
      const drafted = await call('GET', '/users?filter[status][_eq]=draft&fields=id');
      const policy = (await call('POST', '/policies', { name: 'Personal' })).body.data.id;
      await call('POST', '/access', { user: drafted.body.data[0].id, policy });
      const one = await call('DELETE', `/users/${drafted.body.data[0].id}`);
      assert.equal(one.status, 204);
      const links = await tenantRows(t, 'acme', 'SELECT id FROM directus_access WHERE policy = $1', [policy]);
      assert.deepEqual(links, []);
      const byQuery = await call('DELETE', '/users', {
        query: { filter: { email: { _eq: 'long@acme.test' } } },
      });
      assert.equal(byQuery.status, 204);
      const left = await call(
        'GET',
        '/users?filter[email][_in]=s@acme.test,long@acme.test&meta=filter_count',
      );
      assert.equal(left.body.meta.filter_count, 0);
    });

    it('rolls back a whole batch when one item fails', async () => {
      const before = await tenantRows<{ users: number; activity: number; revisions: number }>(
        t,
        'acme',
        `SELECT (SELECT count(*)::int FROM directus_users) AS users,
                (SELECT count(*)::int FROM directus_activity) AS activity,
                (SELECT count(*)::int FROM directus_revisions) AS revisions`,
      );
      const res = await call('POST', '/users', [
        { email: 'batch1@acme.test', password: 'batch password one' },
        { email: 'batch2@acme.test' },
        { email: 'BATCH1@acme.test' },
      ]);
      assert.equal(res.status, 400);
      assert.equal(errorCode(res), 'RECORD_NOT_UNIQUE');
      const afterRows = await tenantRows(
        t,
        'acme',
        `SELECT (SELECT count(*)::int FROM directus_users) AS users,
                (SELECT count(*)::int FROM directus_activity) AS activity,
                (SELECT count(*)::int FROM directus_revisions) AS revisions`,
      );
      assert.deepEqual(afterRows, before);
    });
  });

  describe('me routes', () => {
    let memberToken: string;
    let child: string;
    let parentRole: string;
    let staffPolicy: string;

    before(async () => {
      parentRole = (await call('POST', '/roles', { name: 'Staff' })).body.data.id;
      child = (await call('POST', '/roles', { name: 'Writer', parent: parentRole })).body.data.id;
      staffPolicy = (
        await call('POST', '/policies', { name: 'Staff app', app_access: true, enforce_tfa: true })
      ).body.data.id;
      await call('POST', '/access', { role: parentRole, policy: staffPolicy });
      memberToken = 'member-static-token-0123456789';
      const member = await call('POST', '/users', {
        email: 'member@acme.test',
        role: child,
        token: memberToken,
        first_name: 'Mem',
      });
      assert.equal(member.status, 200, member.text);
    });

    it('reads the caller with query parameters', async () => {
      const res = await call('GET', '/users/me?fields=email,first_name,password', undefined, memberToken);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.data, { email: 'member@acme.test', first_name: 'Mem', password: null });
      // Directus answers a /users/me it can't read as asked with the caller's id alone.
      const unknownField = await call('GET', '/users/me?fields=nope', undefined, memberToken);
      assert.equal(unknownField.status, 200);
      assert.deepEqual(Object.keys(unknownField.body.data), ['id']);
    });

    it('lets the caller edit their profile and password, nothing that decides access', async () => {
      const refusedWithoutRule = await call('PATCH', '/users/me', { first_name: 'No rule' }, memberToken);
      assert.equal(refusedWithoutRule.status, 403, 'app access alone grants no update');
      const rule = await call('POST', '/permissions', {
        policy: staffPolicy,
        collection: 'directus_users',
        action: 'update',
        fields: ['first_name', 'password', 'appearance', 'role', 'status', 'token'],
        permissions: { id: { _eq: '$CURRENT_USER' } },
      });
      assert.equal(rule.status, 200, rule.text);
      const res = await call(
        'PATCH',
        '/users/me?fields=first_name,password,appearance',
        { first_name: 'Member', password: 'a brand new password', appearance: 'dark' },
        memberToken,
      );
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.data, { first_name: 'Member', password: MASK, appearance: 'dark' });
      // `token` is not among them: Directus lets a user set their own static token where the rule allows the
      // field (test/system-data/directus-answers.e2e-spec.ts); this rule does, and the member signs in with one.
      for (const field of ['role', 'status', 'provider', 'external_identifier', 'tfa_secret']) {
        const refused = await call('PATCH', '/users/me', { [field]: null }, memberToken);
        assert.equal(refused.status, 403, field);
        assert.equal(errorCode(refused), 'FORBIDDEN');
      }
      const [row] = await tenantRows<{ role: string }>(
        t,
        'acme',
        'SELECT role FROM directus_users WHERE email = $1',
        ['member@acme.test'],
      );
      assert.equal(row.role, child);
    });

    it('lists the role chain and the access flags', async () => {
      const roles = await call('GET', '/roles/me?fields=id,name', undefined, memberToken);
      assert.equal(roles.status, 200);
      assert.deepEqual(roles.body.data, [
        { id: child, name: 'Writer' },
        { id: parentRole, name: 'Staff' },
      ]);
      const globals = await call('GET', '/policies/me/globals', undefined, memberToken);
      assert.deepEqual(globals.body, { data: { app_access: true, admin_access: false, enforce_tfa: true } });
      const admin = await call('GET', '/policies/me/globals');
      assert.deepEqual(admin.body, { data: { app_access: true, admin_access: true, enforce_tfa: false } });
    });

    it('answers anonymous callers', async () => {
      const me = await t.request('GET', '/acme/users/me');
      assert.equal(me.status, 401);
      assert.equal(errorCode(me), 'INVALID_CREDENTIALS');
      const patch = await t.request('PATCH', '/acme/users/me', { body: { first_name: 'x' } });
      assert.equal(patch.status, 401);
      const roles = await t.request('GET', '/acme/roles/me');
      assert.deepEqual(roles.body, { data: [] });
      const globals = await t.request('GET', '/acme/policies/me/globals');
      assert.deepEqual(globals.body, {
        data: { app_access: false, admin_access: false, enforce_tfa: false },
      });
      const list = await t.request('GET', '/acme/users');
      assert.equal(list.status, 403);
    });
  });

  describe('tenant isolation', () => {
    it("refuses another project's static token (401 INVALID_CREDENTIALS)", async () => {
      for (const url of ['/other/users', '/other/users/me', '/other/settings', '/other/roles/me']) {
        const res = await t.request('GET', url, { token });
        assert.equal(res.status, 401, url);
        assert.equal(errorCode(res), 'INVALID_CREDENTIALS');
      }
      const own = await t.request('GET', '/other/users?fields=email', { token: 'other-admin-token' });
      assert.deepEqual(own.body.data, [{ email: 'admin@other.test' }]);
    });
  });
});
