import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import {
  AccountTestContext,
  accessToken,
  assertError,
  assertNoContent,
  editorRole,
  insertUser,
  login,
  startAccountApp,
  withTenantDb,
} from './account-fixtures';

/** The code an authenticator app shows `offsetSteps` 30-second steps from now. */
function codeFor(secret: string, offsetSteps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
}

describe('/:project/users/me/tfa/* and /users/:id/tfa/disable', () => {
  let ctx: AccountTestContext;
  let admin: string;
  let editorRoleId: string;

  before(async () => {
    ctx = await startAccountApp();
    await ctx.t.createProject('acme', { name: 'Acme Inc.' });
    admin = await accessToken(ctx.t, 'acme', 'admin@acme.test', 'password-123');
    editorRoleId = await editorRole(ctx.t, 'acme');
  });
  after(async () => {
    await ctx?.close();
  });

  const post = (path: string, token: string | null, body: unknown = {}) =>
    ctx.t.request('POST', `/acme/users/${path}`, { body, token: token ?? undefined });
  const tfaSecretOf = (email: string) =>
    withTenantDb(ctx.t, 'acme', async (db) => {
      const { rows } = await db.query('SELECT tfa_secret FROM directus_users WHERE email = $1', [email]);
      return rows[0].tfa_secret as string | null;
    });

  it('enrols: generate (password checked, nothing stored), enable with a code, then login needs the OTP', async () => {
    await insertUser(ctx.t, 'acme', {
      email: 'ann@acme.test',
      password: 'ann-password-1',
      role: editorRoleId,
    });
    const ann = await accessToken(ctx.t, 'acme', 'ann@acme.test', 'ann-password-1');

    assertError(await post('me/tfa/generate', ann, { password: 'wrong' }), 401, 'INVALID_CREDENTIALS');
    assertError(await post('me/tfa/generate', ann, {}), 400, 'INVALID_PAYLOAD');
    assertError(
      await post('me/tfa/generate', null, { password: 'ann-password-1' }),
      401,
      'INVALID_CREDENTIALS',
    );

    const generated = await post('me/tfa/generate', ann, { password: 'ann-password-1' });
    assert.equal(generated.status, 200, generated.text);
    const { secret, otpauth_url: uri } = generated.body.data as { secret: string; otpauth_url: string };
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const parsed = new URL(uri);
    assert.equal(parsed.protocol, 'otpauth:');
    assert.equal(parsed.searchParams.get('secret'), secret);
    assert.equal(parsed.searchParams.get('issuer'), 'Acme Inc.');
    assert.match(decodeURIComponent(parsed.pathname), /ann@acme\.test/);
    assert.equal(await tfaSecretOf('ann@acme.test'), null, 'generate stores nothing');

    const wrong = String((Number(await codeFor(secret)) + 1) % 1_000_000).padStart(6, '0');
    assertError(await post('me/tfa/enable', ann, { secret, otp: wrong }), 400, 'INVALID_PAYLOAD');
    assertError(
      await post('me/tfa/enable', ann, { secret: 'short', otp: await codeFor(secret) }),
      400,
      'INVALID_PAYLOAD',
    );
    assertError(await post('me/tfa/enable', ann, { secret }), 400, 'INVALID_PAYLOAD');
    assert.equal(await tfaSecretOf('ann@acme.test'), null);

    assertNoContent(await post('me/tfa/enable', ann, { secret, otp: await codeFor(secret) }));
    assert.equal(await tfaSecretOf('ann@acme.test'), secret);

    // Once enabled, the secret is never handed out again.
    const again = await post('me/tfa/generate', ann, { password: 'ann-password-1' });
    assertError(again, 400, 'INVALID_PAYLOAD');
    assert.ok(!again.text.includes(secret));
    assertError(
      await post('me/tfa/enable', ann, { secret, otp: await codeFor(secret, 1) }),
      400,
      'INVALID_PAYLOAD',
    );

    assertError(await login(ctx.t, 'acme', 'ann@acme.test', 'ann-password-1'), 401, 'INVALID_OTP');
    assertError(await login(ctx.t, 'acme', 'ann@acme.test', 'ann-password-1', wrong), 401, 'INVALID_OTP');
    // The next step's code: the one that enabled TFA is spent once login checks for replays too.
    const withOtp = await login(ctx.t, 'acme', 'ann@acme.test', 'ann-password-1', await codeFor(secret, 1));
    assert.equal(withOtp.status, 200, withOtp.text);
  });

  it('disables with a current code, refusing a wrong or replayed one with 400 INVALID_PAYLOAD', async () => {
    await insertUser(ctx.t, 'acme', {
      email: 'bob@acme.test',
      password: 'bob-password-1',
      role: editorRoleId,
    });
    const bob = await accessToken(ctx.t, 'acme', 'bob@acme.test', 'bob-password-1');
    assertError(await post('me/tfa/disable', bob, { otp: '123456' }), 400, 'INVALID_PAYLOAD');

    const { secret } = (await post('me/tfa/generate', bob, { password: 'bob-password-1' })).body.data;
    const enrolCode = await codeFor(secret);
    assertNoContent(await post('me/tfa/enable', bob, { secret, otp: enrolCode }));

    assertError(await post('me/tfa/disable', bob, {}), 400, 'INVALID_PAYLOAD');
    assertError(await post('me/tfa/disable', bob, { otp: 'abcdef' }), 400, 'INVALID_PAYLOAD');
    // The code that enabled it is spent: replaying it in its own time step fails.
    assertError(await post('me/tfa/disable', bob, { otp: enrolCode }), 400, 'INVALID_PAYLOAD');
    assert.equal(await tfaSecretOf('bob@acme.test'), secret);

    // The next step's code (within the ±1 step window) is fresh.
    assertNoContent(await post('me/tfa/disable', bob, { otp: await codeFor(secret, 1) }));
    assert.equal(await tfaSecretOf('bob@acme.test'), null);
    assert.equal((await login(ctx.t, 'acme', 'bob@acme.test', 'bob-password-1')).status, 200);

    const activity = await withTenantDb(ctx.t, 'acme', async (db) => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM directus_activity a JOIN directus_users u ON a.item = u.id::text
         WHERE u.email = 'bob@acme.test' AND a.action = 'update' AND a.collection = 'directus_users'`,
      );
      return rows[0].n as number;
    });
    assert.equal(activity, 2, 'enable and disable are recorded');
  });

  it('lets an admin disable anyone’s TFA; others get 403 FORBIDDEN, as do unknown ids', async () => {
    const carol = await insertUser(ctx.t, 'acme', {
      email: 'carol@acme.test',
      password: 'carol-password-1',
      role: editorRoleId,
    });
    await withTenantDb(ctx.t, 'acme', (db) =>
      db.query(`UPDATE directus_users SET tfa_secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' WHERE id = $1`, [
        carol,
      ]),
    );
    await insertUser(ctx.t, 'acme', {
      email: 'dan@acme.test',
      password: 'dan-password-1',
      role: editorRoleId,
    });
    const dan = await accessToken(ctx.t, 'acme', 'dan@acme.test', 'dan-password-1');

    assertError(await post(`${carol}/tfa/disable`, dan), 403, 'FORBIDDEN');
    assertError(await post(`${carol}/tfa/disable`, null), 403, 'FORBIDDEN');
    assert.notEqual(await tfaSecretOf('carol@acme.test'), null);

    assertError(await post('00000000-0000-4000-8000-000000000000/tfa/disable', admin), 403, 'FORBIDDEN');
    assertError(await post('not-a-uuid/tfa/disable', admin), 403, 'FORBIDDEN');

    assertNoContent(await post(`${carol}/tfa/disable`, admin));
    assert.equal(await tfaSecretOf('carol@acme.test'), null);
  });
});
