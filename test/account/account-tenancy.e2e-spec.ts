import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  AccountTestContext,
  accessToken,
  adminRole,
  assertError,
  assertNoContent,
  linkIn,
  PUBLIC_URL,
  startAccountApp,
  withTenantDb,
} from './account-fixtures';

/**
 * Tenant isolation of mailed tokens (issue item 8): a reset or invite token of project A is refused on project
 * B exactly like a forged one — even for a user with the same id and email there.
 */
describe('reset and invite tokens across projects', () => {
  let ctx: AccountTestContext;
  const twinId = randomUUID();

  before(async () => {
    ctx = await startAccountApp();
    await ctx.t.createProject('acme');
    await ctx.t.createProject('beta');
    for (const key of ['acme', 'beta']) {
      await withTenantDb(ctx.t, key, (db) =>
        db.query(
          `INSERT INTO directus_users (id, email, password, status) VALUES ($1, 'twin@shared.test', 'x', 'active')`,
          [twinId],
        ),
      );
    }
  });
  after(async () => {
    await ctx?.close();
  });

  it('refuses a reset token of acme on beta with 403 INVALID_TOKEN, like a forged one', async () => {
    assertNoContent(
      await ctx.t.request('POST', '/acme/auth/password/request', { body: { email: 'twin@shared.test' } }),
    );
    const token = linkIn(
      await ctx.sink.nextMail('twin@shared.test'),
      `${PUBLIC_URL}/acme/admin/reset-password`,
    ).searchParams.get('token');
    assert.ok(token);

    const foreign = await ctx.t.request('POST', '/beta/auth/password/reset', {
      body: { token, password: 'hijack-123' },
    });
    const forged = await ctx.t.request('POST', '/beta/auth/password/reset', {
      body: { token: `${token.slice(0, -4)}AAAA`, password: 'hijack-123' },
    });
    assertError(foreign, 403, 'INVALID_TOKEN');
    assertError(forged, 403, 'INVALID_TOKEN');
    assert.deepEqual(foreign.body, forged.body);
    await withTenantDb(ctx.t, 'beta', async (db) => {
      const { rows } = await db.query('SELECT password FROM directus_users WHERE id = $1', [twinId]);
      assert.equal(rows[0].password, 'x', 'beta user untouched');
    });

    // Still good at home.
    assertNoContent(
      await ctx.t.request('POST', '/acme/auth/password/reset', {
        body: { token, password: 'new-password-123' },
      }),
    );
  });

  it('refuses an invite token of acme on beta with 403 INVALID_TOKEN, like a forged one', async () => {
    const admin = await accessToken(ctx.t, 'acme', 'admin@acme.test', 'password-123');
    const role = await adminRole(ctx.t, 'acme');
    assertNoContent(
      await ctx.t.request('POST', '/acme/users/invite', {
        body: { email: 'guest@shared.test', role },
        token: admin,
      }),
    );
    const token = linkIn(
      await ctx.sink.nextMail('guest@shared.test'),
      `${PUBLIC_URL}/acme/admin/accept-invite`,
    ).searchParams.get('token');
    assert.ok(token);
    // beta has an invited user with the same email.
    await withTenantDb(ctx.t, 'beta', (db) =>
      db.query(`INSERT INTO directus_users (email, status) VALUES ('guest@shared.test', 'invited')`),
    );

    const foreign = await ctx.t.request('POST', '/beta/users/invite/accept', {
      body: { token, password: 'hijack-123' },
    });
    const forged = await ctx.t.request('POST', '/beta/users/invite/accept', {
      body: { token: 'eyJhbGciOiJIUzI1NiJ9.e30.forged', password: 'hijack-123' },
    });
    assertError(foreign, 403, 'INVALID_TOKEN');
    assertError(forged, 403, 'INVALID_TOKEN');
    assert.deepEqual(foreign.body, forged.body);
    await withTenantDb(ctx.t, 'beta', async (db) => {
      const { rows } = await db.query(`SELECT status FROM directus_users WHERE email = 'guest@shared.test'`);
      assert.equal(rows[0].status, 'invited');
    });
  });

  it('refuses an access token of acme on beta’s TFA routes', async () => {
    const admin = await accessToken(ctx.t, 'acme', 'admin@acme.test', 'password-123');
    const res = await ctx.t.request('POST', `/beta/users/${twinId}/tfa/disable`, { token: admin });
    assertError(res, 403, 'INVALID_TOKEN');
  });
});
