import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import * as jwt from 'jsonwebtoken';
import { verifyPassword } from '@atrium/core';
import {
  AccountTestContext,
  accessToken,
  adminRole,
  assertError,
  assertNoContent,
  editorRole,
  insertUser,
  INVITE_PAGE,
  linkIn,
  login,
  projectSecret,
  PUBLIC_URL,
  startAccountApp,
  withTenantDb,
} from './account-fixtures';

const ADMIN_PAGE = `${PUBLIC_URL}/acme/admin/accept-invite`;

describe('/:project/users/invite and /invite/accept', () => {
  let ctx: AccountTestContext;
  let admin: string;
  let editor: string;
  let adminRoleId: string;
  let editorRoleId: string;

  before(async () => {
    ctx = await startAccountApp();
    await ctx.t.createProject('acme');
    admin = await accessToken(ctx.t, 'acme', 'admin@acme.test', 'password-123');
    adminRoleId = await adminRole(ctx.t, 'acme');
    editorRoleId = await editorRole(ctx.t, 'acme');
    await insertUser(ctx.t, 'acme', {
      email: 'editor@acme.test',
      password: 'password-123',
      role: editorRoleId,
      staticToken: 'editor-static-token',
    });
    editor = 'editor-static-token';
  });
  after(async () => {
    await ctx?.close();
  });

  /** As the admin unless told otherwise; `null` for an anonymous call. */
  const invite = (body: unknown, token: string | null = admin) =>
    ctx.t.request('POST', '/acme/users/invite', { body, token: token ?? undefined });
  const accept = (body: unknown) => ctx.t.request('POST', '/acme/users/invite/accept', { body });
  const userRow = (email: string) =>
    withTenantDb(ctx.t, 'acme', async (db) => {
      const { rows } = await db.query(
        'SELECT id, status, role, password FROM directus_users WHERE email = $1',
        [email],
      );
      return rows[0] as
        { id: string; status: string; role: string | null; password: string | null } | undefined;
    });

  it('invites a new address; the mailed token sets the password and activates the user, once', async () => {
    assertNoContent(await invite({ email: 'New@acme.test', role: editorRoleId }));
    const invited = await userRow('new@acme.test');
    assert.equal(invited?.status, 'invited');
    assert.equal(invited?.role, editorRoleId);
    assert.equal(invited?.password, null);

    const mail = await ctx.sink.nextMail('new@acme.test');
    assert.match(mail.subject, /invited/i);
    const token = linkIn(mail, ADMIN_PAGE).searchParams.get('token');
    assert.ok(token);

    assertNoContent(await accept({ token, password: 'chosen-password-1' }));
    const active = await userRow('new@acme.test');
    assert.equal(active?.status, 'active');
    assert.equal(await verifyPassword(active!.password!, 'chosen-password-1'), true);
    assert.equal((await login(ctx.t, 'acme', 'new@acme.test', 'chosen-password-1')).status, 200);

    assertError(await accept({ token, password: 'another-password-2' }), 400, 'INVALID_INVITE');
  });

  it('uses an allow-listed invite_url, and refuses any other with 400 INVALID_PAYLOAD before creating anyone', async () => {
    assertNoContent(await invite({ email: 'linked@acme.test', role: editorRoleId, invite_url: INVITE_PAGE }));
    const link = linkIn(await ctx.sink.nextMail('linked@acme.test'), INVITE_PAGE);
    assert.ok(link.searchParams.get('token'));

    const refused = await invite({
      email: 'phished@acme.test',
      role: editorRoleId,
      invite_url: 'https://evil.example/accept',
    });
    assertError(refused, 400, 'INVALID_PAYLOAD');
    assert.equal(await userRow('phished@acme.test'), undefined);
  });

  it('takes a list: creates the new, re-sends to the invited with the new role, skips active users', async () => {
    await insertUser(ctx.t, 'acme', { email: 'waiting@acme.test', status: 'invited', role: editorRoleId });
    await insertUser(ctx.t, 'acme', {
      email: 'member@acme.test',
      password: 'password-123',
      role: editorRoleId,
    });
    const res = await invite({
      email: ['fresh@acme.test', 'waiting@acme.test', 'member@acme.test', 'FRESH@acme.test'],
      role: adminRoleId,
    });
    assertNoContent(res);
    assert.equal((await userRow('fresh@acme.test'))?.status, 'invited');
    assert.equal((await userRow('waiting@acme.test'))?.role, adminRoleId);
    const member = await userRow('member@acme.test');
    assert.equal(member?.status, 'active');
    assert.equal(member?.role, editorRoleId);
    await ctx.sink.nextMail('fresh@acme.test');
    await ctx.sink.nextMail('waiting@acme.test');
    await sleep(200);
    assert.equal(ctx.sink.unreadCount('member@acme.test'), 0);
    assert.equal(ctx.sink.unreadCount('fresh@acme.test'), 0, 'one mail per address');
  });

  it('is for admins only: 403 FORBIDDEN for an editor and for anonymous callers', async () => {
    assertError(await invite({ email: 'x@acme.test', role: editorRoleId }, editor), 403, 'FORBIDDEN');
    assertError(await invite({ email: 'x@acme.test', role: editorRoleId }, null), 403, 'FORBIDDEN');
    assert.equal(await userRow('x@acme.test'), undefined);
  });

  it('validates email and role', async () => {
    assertError(await invite({ role: editorRoleId }), 400, 'INVALID_PAYLOAD');
    assertError(await invite({ email: 'not-an-email', role: editorRoleId }), 400, 'INVALID_PAYLOAD');
    assertError(await invite({ email: ['ok@acme.test', 'bad'], role: editorRoleId }), 400, 'INVALID_PAYLOAD');
    assertError(await invite({ email: [], role: editorRoleId }), 400, 'INVALID_PAYLOAD');
    assertError(await invite({ email: 'r@acme.test', role: 'not-a-uuid' }), 400, 'INVALID_PAYLOAD');
    const unknownRole = await invite({ email: 'r@acme.test', role: '00000000-0000-4000-8000-000000000000' });
    assertError(unknownRole, 400, 'INVALID_FOREIGN_KEY');
    assert.equal(await userRow('r@acme.test'), undefined);
  });

  it('enforces the password policy on acceptance with 400 FAILED_VALIDATION', async () => {
    assertNoContent(await invite({ email: 'strict@acme.test', role: editorRoleId }));
    const token = linkIn(await ctx.sink.nextMail('strict@acme.test'), ADMIN_PAGE).searchParams.get('token');
    await withTenantDb(ctx.t, 'acme', (db) =>
      db.query(`UPDATE directus_settings SET auth_password_policy = '^.{16,}$'`),
    );
    try {
      assertError(await accept({ token, password: 'short' }), 400, 'FAILED_VALIDATION');
      assert.equal((await userRow('strict@acme.test'))?.status, 'invited');
      assertNoContent(await accept({ token, password: 'a-long-enough-password' }));
    } finally {
      await withTenantDb(ctx.t, 'acme', (db) =>
        db.query('UPDATE directus_settings SET auth_password_policy = NULL'),
      );
    }
  });

  it('refuses forged and reset-scope tokens with 403 INVALID_TOKEN, expired ones with 401 TOKEN_EXPIRED', async () => {
    const id = await insertUser(ctx.t, 'acme', { email: 'limbo@acme.test', status: 'invited' });
    const secret = await projectSecret(ctx.t, 'acme');
    const claims = { project: 'acme', id, email: 'limbo@acme.test' };
    const sign = (payload: object, key = secret, options: jwt.SignOptions = { expiresIn: 600 }) =>
      jwt.sign(payload, key, { algorithm: 'HS256', issuer: 'directus', ...options });

    assertError(await accept({ token: 'garbage', password: 'password-123' }), 403, 'INVALID_TOKEN');
    assertError(
      await accept({ token: sign({ ...claims, scope: 'invite' }, 'x'), password: 'p-123' }),
      403,
      'INVALID_TOKEN',
    );
    const resetScoped = sign({ ...claims, scope: 'password-reset', fp: 'x' });
    assertError(await accept({ token: resetScoped, password: 'password-123' }), 403, 'INVALID_TOKEN');
    const expired = sign({ ...claims, scope: 'invite', exp: Math.floor(Date.now() / 1000) - 60 }, secret, {});
    assertError(await accept({ token: expired, password: 'password-123' }), 401, 'TOKEN_EXPIRED');
    assert.equal((await userRow('limbo@acme.test'))?.status, 'invited');

    // A genuine token for a user who is no longer invited (suspended meanwhile).
    const genuine = sign({ ...claims, scope: 'invite' });
    await withTenantDb(ctx.t, 'acme', (db) =>
      db.query(`UPDATE directus_users SET status = 'suspended' WHERE id = $1`, [id]),
    );
    assertError(await accept({ token: genuine, password: 'password-123' }), 400, 'INVALID_INVITE');
  });
});
