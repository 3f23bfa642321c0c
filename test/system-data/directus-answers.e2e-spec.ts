import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp, type TestResponse } from '../support/test-app';
import { projectWithAdmin, tenantRows } from './system-data-fixture';

const MISSING = '00000000-0000-4000-8000-000000000000';

function expectError(res: TestResponse, status: number, code: string): Record<string, unknown> {
  assert.equal(res.status, status, res.text);
  assert.equal(res.body?.errors?.[0]?.extensions?.code, code, res.text);
  return res.body.errors[0].extensions;
}

/**
 * Answers of the system collections, `/users/me` and `/server/info` that have to read as Directus (v11)
 * writes them: payload checks before the database, an admin's update of a missing key, a static token set
 * through `updateMe`, and what server info tells which caller.
 */
describe('system collections: answers as Directus gives them', () => {
  let t: TestApp;
  let adminToken: string;
  let adminId: string;
  const as =
    (token: string | undefined) =>
    (method: string, url: string, body?: unknown): Promise<TestResponse> =>
      t.request(method, `/sys${url}`, {
        ...(token ? { token } : {}),
        ...(body === undefined ? {} : { body }),
      });
  const call = (method: string, url: string, body?: unknown) => as(adminToken)(method, url, body);
  const ok = async (method: string, url: string, body?: unknown) => {
    const res = await call(method, url, body);
    assert.ok(res.status === 200 || res.status === 204, `${method} ${url}: ${res.text}`);
    return res;
  };

  /** A user signed in with a policy of their own; `rules` are its permissions. */
  async function userWith(email: string, rules: Array<Record<string, unknown>>): Promise<string> {
    const policy = (await ok('POST', '/policies', { name: `Policy of ${email}`, app_access: true })).body.data
      .id;
    for (const rule of rules) await ok('POST', '/permissions', { policy, ...rule });
    const user = (await ok('POST', '/users', { email, password: 'password-123', status: 'active' })).body.data
      .id;
    await ok('POST', '/access', { user, policy });
    const login = await t.request('POST', '/sys/auth/login', { body: { email, password: 'password-123' } });
    assert.equal(login.status, 200, login.text);
    return login.body.data.access_token as string;
  }

  before(async () => {
    t = await TestApp.start();
    adminToken = await projectWithAdmin(t, 'sys');
    adminId = (await ok('GET', '/users/me?fields=id')).body.data.id;
  });
  after(async () => {
    await t?.close();
  });

  describe('create and update checks before the database', () => {
    it('a required field missing on create is FAILED_VALIDATION with field, type and path', async () => {
      const res = await call('POST', '/roles', { description: 'no name' });
      const extensions = expectError(res, 400, 'FAILED_VALIDATION');
      assert.deepEqual(
        { field: extensions.field, type: extensions.type, path: extensions.path },
        { field: 'name', type: 'required', path: [] },
      );
    });

    it('null for a NOT NULL field on update is FAILED_VALIDATION nnull', async () => {
      const role = (await ok('POST', '/roles', { name: 'Nullable?' })).body.data.id;
      const extensions = expectError(
        await call('PATCH', `/roles/${role}`, { name: null }),
        400,
        'FAILED_VALIDATION',
      );
      assert.equal(extensions.field, 'name');
      assert.equal(extensions.type, 'nnull');
    });

    it('a string over the column length is VALUE_TOO_LONG naming the collection and field', async () => {
      const extensions = expectError(
        await call('POST', '/roles', { name: 'r'.repeat(101) }),
        400,
        'VALUE_TOO_LONG',
      );
      assert.equal(extensions.collection, 'directus_roles');
      assert.equal(extensions.field, 'name');
    });

    it('a duplicate email is RECORD_NOT_UNIQUE with collection, field and value', async () => {
      await ok('POST', '/users', { email: 'twin@sys.test' });
      const extensions = expectError(
        await call('POST', '/users', { email: 'twin@sys.test' }),
        400,
        'RECORD_NOT_UNIQUE',
      );
      assert.equal(extensions.collection, 'directus_users');
      assert.equal(extensions.field, 'email');
      assert.equal(extensions.value, 'twin@sys.test');
    });

    it('a NUL byte is 400 INVALID_PAYLOAD', async () => {
      expectError(await call('POST', '/roles', { name: 'nul\u0000role' }), 400, 'INVALID_PAYLOAD');
    });

    it('a batch with one failing item creates nothing', async () => {
      const count = async () =>
        Number((await tenantRows<{ n: string }>(t, 'sys', 'SELECT count(*) AS n FROM directus_roles'))[0].n);
      const before = await count();
      expectError(
        await call('POST', '/roles', [{ name: 'Batch 1' }, { name: 'b'.repeat(101) }]),
        400,
        'VALUE_TOO_LONG',
      );
      expectError(
        await call('POST', '/roles', [{ name: 'Batch 2' }, { icon: 'x' }]),
        400,
        'FAILED_VALIDATION',
      );
      assert.equal(await count(), before);
    });
  });

  describe("an admin's PATCH of a key that does not exist", () => {
    it('answers 204 for users and roles, and creates nothing', async () => {
      for (const url of [`/users/${MISSING}`, `/roles/${MISSING}`, `/policies/${MISSING}`]) {
        const res = await call('PATCH', url, { description: 'ghost' });
        assert.equal(res.status, 204, `${url}: ${res.text}`);
        assert.equal(res.text, '');
      }
      const rows = await tenantRows(t, 'sys', 'SELECT id FROM directus_users WHERE id = $1', [MISSING]);
      assert.equal(rows.length, 0);
    });

    it('stays 403 for a malformed key and for a non-admin', async () => {
      expectError(await call('PATCH', '/roles/not-a-uuid', { description: 'x' }), 403, 'FORBIDDEN');
      const token = await userWith('roles-editor@sys.test', [
        { collection: 'directus_roles', action: 'update', fields: ['*'] },
      ]);
      expectError(await as(token)('PATCH', `/roles/${MISSING}`, { description: 'x' }), 403, 'FORBIDDEN');
    });
  });

  describe('a static token set through PATCH /users/me', () => {
    it('an admin sets their own token: read back masked, and it authenticates', async () => {
      const res = await call('PATCH', '/users/me?fields=id,token', {
        token: 'admin-static-token-0123456789',
      });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.data, { id: adminId, token: '**********' });
      // The new token replaces the one the admin signed in with.
      expectError(await call('GET', '/users/me?fields=id'), 401, 'INVALID_CREDENTIALS');
      adminToken = 'admin-static-token-0123456789';
      const read = await ok('GET', '/users/me?fields=token');
      assert.equal(read.body.data.token, '**********');
      const me = await as('admin-static-token-0123456789')('GET', '/users/me?fields=id');
      assert.equal(me.status, 200, me.text);
      assert.equal(me.body.data.id, adminId);
    });

    it('a non-admin only where their permissions allow the token field', async () => {
      const own = { id: { _eq: '$CURRENT_USER' } };
      const without = await userWith('plain@sys.test', [
        { collection: 'directus_users', action: 'update', fields: ['first_name'], permissions: own },
      ]);
      expectError(
        await as(without)('PATCH', '/users/me', { token: 'plain-static-token-0123456789' }),
        403,
        'FORBIDDEN',
      );
      const allowed = await userWith('tokened@sys.test', [
        { collection: 'directus_users', action: 'update', fields: ['first_name', 'token'], permissions: own },
      ]);
      const res = await as(allowed)('PATCH', '/users/me?fields=token', {
        token: 'tokened-static-token-0123456789',
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.data.token, '**********');
      const me = await as('tokened-static-token-0123456789')('GET', '/users/me?fields=email');
      assert.equal(me.status, 200, me.text);
      assert.equal(me.body.data.email, 'tokened@sys.test');
    });
  });

  describe('GET /:project/server/info', () => {
    const HOST_DETAILS = ['node', 'os', 'uptime', 'stats'];

    it('anonymous callers get the project only', async () => {
      const res = await as(undefined)('GET', '/server/info');
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body.data), ['project']);
    });

    it('a signed-in user gets the limits and the version, never host details', async () => {
      const token = await userWith('reader@sys.test', []);
      const res = await as(token)('GET', '/server/info');
      assert.equal(res.status, 200, res.text);
      const data = res.body.data;
      assert.equal(data.project.key, 'sys');
      assert.deepEqual(data.queryLimit, { default: 100, max: -1 });
      assert.equal(data.rateLimit, false);
      assert.equal(data.rateLimitGlobal, false);
      assert.equal(typeof data.version, 'string');
      for (const key of HOST_DETAILS) assert.equal(data[key], undefined, key);
    });

    it("a project admin gets the same, and still no host details (those are the platform's)", async () => {
      const res = await call('GET', '/server/info');
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.data.queryLimit, { default: 100, max: -1 });
      assert.equal(typeof res.body.data.version, 'string');
      for (const key of HOST_DETAILS) assert.equal(res.body.data[key], undefined, key);
    });

    it('the platform super-admin gets host details too', async () => {
      const res = await t.admin('GET', '/sys/server/info');
      assert.equal(res.status, 200);
      assert.equal(typeof res.body.data.node.version, 'string');
      assert.equal(typeof res.body.data.os.totalmem, 'number');
      assert.deepEqual(res.body.data.queryLimit, { default: 100, max: -1 });
    });
  });
});
