import assert from 'node:assert/strict';
import { generate } from 'otplib';
import {
  assertNoContent,
  configureSdkServer,
  describeSdk,
  PASSWORD,
  rejectsWith,
  Recorder,
  unique,
  type SdkCase,
  type SdkContext,
} from './sdk-harness';

/**
 * Authentication through the official SDK against a project base URL: `authentication()` in its three modes
 * (json, cookie, session — the cookie modes with a cookie-keeping fetch, as a browser with
 * `credentials: 'include'`), the REST `login`/`refresh`/`logout` commands, password reset and user invites by
 * mail (an SMTP sink), and two-factor enrolment.
 */

configureSdkServer({ mail: true, env: { LOGIN_STALL_TIME: '20ms' } });

const REFRESH_COOKIE = 'directus_refresh_token';
const SESSION_COOKIE = 'directus_session_token';

/** A fresh active user (so sessions, resets and TFA of one case never touch another's). */
async function user(
  ctx: SdkContext,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; email: string }> {
  const email = `${unique('auth')}@${ctx.key}.test`;
  const created = await ctx.ok('POST', '/users', { email, password: PASSWORD, ...extra });
  return { id: created.body.data.id, email };
}

/** The `token` query parameter of the first link in the next mail to `email`. */
async function mailedToken(ctx: SdkContext, email: string): Promise<string> {
  assert.ok(ctx.server.sink, 'the file runs with an SMTP sink');
  const mail = await ctx.server.sink.nextMail(email);
  const link = /https?:\/\/\S+/.exec(mail.text)?.[0];
  assert.ok(link, `a link in: ${mail.text}`);
  const token = new URL(link).searchParams.get('token');
  assert.ok(token, `a token in ${link}`);
  return token;
}

/** The `Set-Cookie` line the server sent for `name` in the last matching exchange. */
function setCookie(recorder: Recorder, match: RegExp, name: string): string {
  const exchange = recorder.last(match);
  const raw = exchange.responseHeaders['set-cookie'] ?? '';
  const line = raw.split(/,(?=\s*[a-z_]+=)/i).find((entry) => entry.trim().startsWith(`${name}=`));
  assert.ok(line, `a ${name} cookie in ${raw}`);
  return line;
}

const cases: SdkCase[] = [
  // ------------------------------------------------------------------------------------------- json mode
  {
    name: "authentication('json'): login answers access_token, refresh_token and expires (ms)",
    async run(ctx) {
      const client = ctx.authClient(ctx.base, 'json', ctx.recorder.fetch);
      const auth = await client.login(ctx.adminEmail, PASSWORD);
      assert.equal(typeof auth.access_token, 'string');
      assert.equal(typeof auth.refresh_token, 'string');
      assert.equal(auth.expires, 900_000);
      assert.ok(Number(auth.expires_at) > Date.now());
      assert.deepEqual(JSON.parse(ctx.recorder.last(/auth\/login/).body ?? '{}'), {
        email: ctx.adminEmail,
        password: PASSWORD,
        mode: 'json',
      });
      const me = await client.request(ctx.sdk.readMe({ fields: ['email'] }));
      assert.deepEqual(me, { email: ctx.adminEmail });
      assert.match(ctx.recorder.last().headers.authorization ?? '', /^Bearer /);
    },
  },
  {
    name: "authentication('json'): refresh rotates the refresh token; the new access token works",
    async run(ctx) {
      const client = ctx.authClient(ctx.base, 'json', ctx.recorder.fetch);
      const first = await client.login(ctx.adminEmail, PASSWORD);
      const second = await client.refresh();
      assert.equal(typeof second.access_token, 'string');
      assert.notEqual(second.refresh_token, first.refresh_token);
      assert.equal(second.expires, 900_000);
      assert.equal(await client.getToken(), second.access_token);
      const me = await client.request(ctx.sdk.readMe({ fields: ['id'] }));
      assert.deepEqual(me, { id: ctx.adminId });
    },
  },
  {
    name: "authentication('json'): logout ends the session (its refresh token is refused afterwards)",
    async run(ctx) {
      const client = ctx.authClient(ctx.base, 'json', ctx.recorder.fetch);
      const auth = await client.login(ctx.adminEmail, PASSWORD);
      await client.logout();
      assert.equal(ctx.recorder.last(/auth\/logout/).status, 204);
      assert.equal(await client.getToken(), null, 'the SDK forgot its tokens');
      await rejectsWith(client.request(ctx.sdk.readMe()), 401, 'INVALID_CREDENTIALS');
      const stale = await ctx.raw(
        'POST',
        '/auth/refresh',
        { refresh_token: auth.refresh_token, mode: 'json' },
        '',
      );
      assert.equal(stale.status, 401, stale.text);
    },
  },
  {
    name: 'login with a wrong password: 401 INVALID_CREDENTIALS',
    async run(ctx) {
      const client = ctx.authClient(ctx.base, 'json', ctx.recorder.fetch);
      await rejectsWith(client.login(ctx.adminEmail, 'not-the-password'), 401, 'INVALID_CREDENTIALS');
    },
  },
  // ----------------------------------------------------------------------------------------- cookie mode
  {
    name: "authentication('cookie'): the refresh token lives in an httpOnly cookie scoped to the project",
    async run(ctx) {
      const recorder = new Recorder();
      const client = ctx.authClient(ctx.base, 'cookie', recorder.fetch);
      const auth = await client.login(ctx.adminEmail, PASSWORD);
      assert.equal(typeof auth.access_token, 'string');
      assert.ok(
        auth.refresh_token === null || auth.refresh_token === undefined,
        'no refresh token in the body',
      );
      const cookie = setCookie(recorder, /auth\/login/, REFRESH_COOKIE);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, new RegExp(`Path=/${ctx.key}(;|$)`, 'i'));
      assert.ok(recorder.cookie(REFRESH_COOKIE));
      const me = await client.request(ctx.sdk.readMe({ fields: ['email'] }));
      assert.deepEqual(me, { email: ctx.adminEmail });
    },
  },
  {
    name: "authentication('cookie'): refresh sends {mode:'cookie'} and the cookie, and rotates both",
    async run(ctx) {
      const recorder = new Recorder();
      const client = ctx.authClient(ctx.base, 'cookie', recorder.fetch);
      const first = await client.login(ctx.adminEmail, PASSWORD);
      const before = recorder.cookie(REFRESH_COOKIE);
      const second = await client.refresh();
      assert.deepEqual(JSON.parse(recorder.last(/auth\/refresh/).body ?? '{}'), { mode: 'cookie' });
      // (the access token itself may be byte-identical: same claims within the same second, as in Directus)
      assert.equal(typeof second.access_token, 'string');
      assert.equal(second.expires, first.expires);
      assert.ok(recorder.cookie(REFRESH_COOKIE));
      assert.notEqual(recorder.cookie(REFRESH_COOKIE), before, 'the refresh cookie rotated');
    },
  },
  {
    name: "authentication('cookie'): logout clears the cookie and ends the session",
    async run(ctx) {
      const recorder = new Recorder();
      const client = ctx.authClient(ctx.base, 'cookie', recorder.fetch);
      await client.login(ctx.adminEmail, PASSWORD);
      const refreshToken = recorder.cookie(REFRESH_COOKIE);
      await client.logout();
      assert.equal(recorder.last(/auth\/logout/).status, 204);
      assert.equal(recorder.cookie(REFRESH_COOKIE), undefined, 'the server cleared the cookie');
      const stale = await ctx.raw('POST', '/auth/refresh', { refresh_token: refreshToken, mode: 'json' }, '');
      assert.equal(stale.status, 401, stale.text);
    },
  },
  // ---------------------------------------------------------------------------------------- session mode
  {
    name: "authentication('session'): the access token is the session cookie; requests carry no Bearer",
    async run(ctx) {
      const recorder = new Recorder();
      const client = ctx.authClient(ctx.base, 'session', recorder.fetch);
      const auth = await client.login(ctx.adminEmail, PASSWORD);
      assert.ok(auth.access_token === null || auth.access_token === undefined, 'no token in the body');
      assert.equal(auth.expires, 86_400_000);
      const cookie = setCookie(recorder, /auth\/login/, SESSION_COOKIE);
      assert.match(cookie, /HttpOnly/i);
      const me = await client.request(ctx.sdk.readMe({ fields: ['email'] }));
      assert.deepEqual(me, { email: ctx.adminEmail });
      assert.equal(recorder.last().headers.authorization, undefined);
    },
  },
  {
    name: "authentication('session'): refresh re-issues the session cookie",
    async run(ctx) {
      const recorder = new Recorder();
      const client = ctx.authClient(ctx.base, 'session', recorder.fetch);
      await client.login(ctx.adminEmail, PASSWORD);
      const before = recorder.cookie(SESSION_COOKIE);
      await client.refresh();
      assert.deepEqual(JSON.parse(recorder.last(/auth\/refresh/).body ?? '{}'), { mode: 'session' });
      assert.ok(recorder.cookie(SESSION_COOKIE));
      assert.notEqual(recorder.cookie(SESSION_COOKIE), before);
      const me = await client.request(ctx.sdk.readMe({ fields: ['id'] }));
      assert.deepEqual(me, { id: ctx.adminId });
    },
  },
  {
    name: "authentication('session'): logout really logs out (the old session cookie is refused)",
    async run(ctx) {
      const recorder = new Recorder();
      const client = ctx.authClient(ctx.base, 'session', recorder.fetch);
      await client.login(ctx.adminEmail, PASSWORD);
      const session = recorder.cookie(SESSION_COOKIE);
      await client.logout();
      assert.equal(recorder.last(/auth\/logout/).status, 204);
      assert.equal(recorder.cookie(SESSION_COOKIE), undefined);
      const replay = await ctx.t.request('GET', `/${ctx.key}/users/me`, {
        headers: { cookie: `${SESSION_COOKIE}=${session}` },
      });
      assert.equal(replay.status, 401, replay.text);
    },
  },
  // ------------------------------------------------------------------------------------ REST commands
  {
    name: 'REST login / refresh / logout commands (json mode, tokens passed explicitly)',
    async run(ctx) {
      const client = ctx.anonymous();
      const auth = await client.request(ctx.loginCommand(ctx.adminEmail, PASSWORD, { mode: 'json' }));
      assert.equal(typeof auth.access_token, 'string');
      assert.equal(auth.expires, 900_000);
      const refreshed = await client.request(
        ctx.refreshCommand({ refresh_token: String(auth.refresh_token), mode: 'json' }),
      );
      assert.notEqual(refreshed.refresh_token, auth.refresh_token);
      const me = await ctx
        .clientFor(String(refreshed.access_token))
        .request(ctx.sdk.readMe({ fields: ['email'] }));
      assert.deepEqual(me, { email: ctx.adminEmail });
      assertNoContent(
        await client.request(
          ctx.logoutCommand({ refresh_token: String(refreshed.refresh_token), mode: 'json' }),
        ),
        ctx.recorder,
      );
      await rejectsWith(
        client.request(ctx.refreshCommand({ refresh_token: String(refreshed.refresh_token), mode: 'json' })),
        401,
        'INVALID_CREDENTIALS',
      );
    },
  },
  // ------------------------------------------------------------------------------------ password reset
  {
    name: 'passwordRequest + passwordReset: the mailed token sets a new password',
    async run(ctx) {
      const { email } = await user(ctx);
      assertNoContent(await ctx.anonymous().request(ctx.sdk.passwordRequest(email)), ctx.recorder);
      const token = await mailedToken(ctx, email);
      assertNoContent(
        await ctx.anonymous().request(ctx.sdk.passwordReset(token, 'a-brand-new-password')),
        ctx.recorder,
      );
      const client = ctx.authClient(ctx.base, 'json', ctx.recorder.fetch);
      await rejectsWith(client.login(email, PASSWORD), 401, 'INVALID_CREDENTIALS');
      const auth = await client.login(email, 'a-brand-new-password');
      assert.equal(typeof auth.access_token, 'string');
    },
  },
  {
    name: 'passwordRequest for an unknown email answers the same 204',
    async run(ctx) {
      assertNoContent(
        await ctx.anonymous().request(ctx.sdk.passwordRequest(`nobody@${ctx.key}.test`)),
        ctx.recorder,
      );
    },
  },
  // --------------------------------------------------------------------------------------------- invites
  {
    name: 'inviteUser + acceptUserInvite: the invited user sets a password and signs in',
    async run(ctx) {
      const role = (await ctx.ok('POST', '/roles', { name: unique('invited') })).body.data.id as string;
      const email = `${unique('invitee')}@${ctx.key}.test`;
      assertNoContent(await ctx.client.request(ctx.sdk.inviteUser(email, role)), ctx.recorder);
      const invited = await ctx.ok(
        'GET',
        `/users?filter[email][_eq]=${encodeURIComponent(email)}&fields=status,role`,
      );
      assert.deepEqual(invited.body.data, [{ status: 'invited', role }]);
      const token = await mailedToken(ctx, email);
      assertNoContent(
        await ctx.anonymous().request(ctx.sdk.acceptUserInvite(token, 'invited-password')),
        ctx.recorder,
      );
      const client = ctx.authClient(ctx.base, 'json', ctx.recorder.fetch);
      await client.login(email, 'invited-password');
      // A role without policies may not read its own user: Directus answers just the id.
      const me = await client.request(ctx.sdk.readMe({ fields: ['email', 'status', 'role'] }));
      const [row] = (
        await ctx.ok('GET', `/users?filter[email][_eq]=${encodeURIComponent(email)}&fields=id,status`)
      ).body.data as Array<{ id: string; status: string }>;
      assert.deepEqual(me, { id: row.id });
      assert.equal(row.status, 'active');
    },
  },
  // ----------------------------------------------------------------------------------------- two-factor
  {
    name: 'generateTwoFactorSecret + enableTwoFactor; login then needs the otp; disableTwoFactor',
    async run(ctx) {
      const token = unique('tfa-token');
      const { email } = await user(ctx, { token });
      const own = ctx.clientFor(token);
      const { secret, otpauth_url } = await own.request(ctx.sdk.generateTwoFactorSecret(PASSWORD));
      assert.equal(typeof secret, 'string');
      assert.match(otpauth_url, /^otpauth:\/\/totp\//);
      // A time step is spent once used and never an older one after it: enable, login and disable each take
      // the next step of the ±1-step window the server accepts.
      const epoch = Math.floor(Date.now() / 1000);
      const code = (step: number) => generate({ secret, epoch: epoch + step * 30 });
      assertNoContent(await own.request(ctx.sdk.enableTwoFactor(secret, await code(-1))), ctx.recorder);

      const client = ctx.authClient(ctx.base, 'json', ctx.recorder.fetch);
      await rejectsWith(client.login(email, PASSWORD), 401, 'INVALID_OTP');
      const auth = await client.login(email, PASSWORD, { otp: await code(0) });
      assert.equal(typeof auth.access_token, 'string');

      assertNoContent(await own.request(ctx.sdk.disableTwoFactor(await code(1))), ctx.recorder);
      const again = await client.login(email, PASSWORD);
      assert.equal(typeof again.access_token, 'string');
    },
  },
];

describeSdk('SDK authentication', 'auth', cases);
