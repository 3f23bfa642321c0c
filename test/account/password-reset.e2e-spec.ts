import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import * as jwt from 'jsonwebtoken';
import { RESET_MAILS_PER_HOUR } from '@atrium/auth';
import { verifyPassword } from '@atrium/core';
import { TestApp } from '../support/test-app';
import {
  AccountTestContext,
  assertError,
  assertNoContent,
  insertUser,
  linkIn,
  login,
  projectSecret,
  PUBLIC_URL,
  RESET_PAGE,
  STALL_MS,
  startAccountApp,
  withTenantDb,
} from './account-fixtures';
import { closedPort } from './closed-port';

const ADMIN_PAGE = `${PUBLIC_URL}/acme/admin/reset-password`;

describe('/:project/auth/password/request and /reset', () => {
  let ctx: AccountTestContext;
  before(async () => {
    ctx = await startAccountApp();
    await ctx.t.createProject('acme');
  });
  after(async () => {
    await ctx?.close();
  });

  const request = (body: unknown, headers: Record<string, string> = {}) =>
    ctx.t.request('POST', '/acme/auth/password/request', { body, headers });
  const reset = (body: unknown) => ctx.t.request('POST', '/acme/auth/password/reset', { body });

  /** Requests a reset for `email` and returns the token from the mail it gets. */
  async function mailedToken(email: string, base = ADMIN_PAGE): Promise<string> {
    assertNoContent(await request({ email }));
    const token = linkIn(await ctx.sink.nextMail(email), base).searchParams.get('token');
    assert.ok(token);
    return token;
  }

  it('mails a link to the allowed reset_url; the token resets the password once and logs the user out', async () => {
    await insertUser(ctx.t, 'acme', { email: 'ann@acme.test', password: 'old-password-1' });
    const session = await login(ctx.t, 'acme', 'ann@acme.test', 'old-password-1');
    assert.equal(session.status, 200, session.text);

    assertNoContent(await request({ email: 'ANN@acme.test', reset_url: `${RESET_PAGE}?lang=fr` }));
    const mail = await ctx.sink.nextMail('ann@acme.test');
    assert.equal(mail.from, 'atrium@sink.test');
    assert.match(mail.subject, /password reset/i);
    const link = linkIn(mail, RESET_PAGE);
    assert.equal(`${link.origin}${link.pathname}`, RESET_PAGE);
    assert.equal(link.searchParams.get('lang'), 'fr');
    const token = link.searchParams.get('token');
    assert.ok(token);
    assert.ok(mail.html.includes(`href="${link.toString().replace(/&/g, '&amp;')}"`), mail.html);

    assertNoContent(await reset({ token, password: 'new-password-2' }));
    await withTenantDb(ctx.t, 'acme', async (db) => {
      const { rows } = await db.query(
        `SELECT u.password, (SELECT count(*)::int FROM directus_sessions s WHERE s."user" = u.id) AS sessions
         FROM directus_users u WHERE u.email = 'ann@acme.test'`,
      );
      assert.equal(await verifyPassword(rows[0].password, 'new-password-2'), true);
      assert.equal(await verifyPassword(rows[0].password, 'old-password-1'), false);
      assert.equal(rows[0].sessions, 0, 'sessions are deleted');
    });
    assertError(await login(ctx.t, 'acme', 'ann@acme.test', 'old-password-1'), 401, 'INVALID_CREDENTIALS');
    assert.equal((await login(ctx.t, 'acme', 'ann@acme.test', 'new-password-2')).status, 200);
    const refreshed = await ctx.t.request('POST', '/acme/auth/refresh', {
      body: { refresh_token: session.body.data.refresh_token },
    });
    assertError(refreshed, 401, 'INVALID_CREDENTIALS');

    assertError(await reset({ token, password: 'third-password-3' }), 403, 'INVALID_TOKEN');
  });

  it('builds the default link from PUBLIC_URL, whatever Host and X-Forwarded-Host say', async () => {
    await insertUser(ctx.t, 'acme', { email: 'host@acme.test', password: 'password-123' });
    const res = await request(
      { email: 'host@acme.test' },
      { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' },
    );
    assertNoContent(res);
    const mail = await ctx.sink.nextMail('host@acme.test');
    const link = linkIn(mail, ADMIN_PAGE);
    assert.ok(link.searchParams.get('token'));
    assert.doesNotMatch(mail.text + mail.html, /evil\.example/);
  });

  it('answers unknown, suspended and invited emails the same way, in about the same time, and mails nothing', async () => {
    await insertUser(ctx.t, 'acme', { email: 'known@acme.test', password: 'password-123' });
    await insertUser(ctx.t, 'acme', {
      email: 'gone@acme.test',
      password: 'password-123',
      status: 'suspended',
    });
    await insertUser(ctx.t, 'acme', { email: 'pending@acme.test', status: 'invited' });

    const timed = async (email: string) => {
      const started = Date.now();
      const res = await request({ email });
      return { res, ms: Date.now() - started };
    };
    const known = await timed('known@acme.test');
    assertNoContent(known.res);
    assert.ok(known.ms >= STALL_MS - 5, `known email answered in ${known.ms} ms`);
    for (const email of ['nobody@acme.test', 'gone@acme.test', 'pending@acme.test']) {
      const other = await timed(email);
      assertNoContent(other.res);
      assert.equal(other.res.text, known.res.text);
      assert.ok(other.ms >= STALL_MS - 5, `${email} answered in ${other.ms} ms`);
    }
    await ctx.sink.nextMail('known@acme.test');
    await sleep(300);
    for (const email of ['nobody@acme.test', 'gone@acme.test', 'pending@acme.test']) {
      assert.equal(ctx.sink.unreadCount(email), 0, `no mail to ${email}`);
    }
  });

  it('refuses a reset_url outside the allow list with 400 INVALID_PAYLOAD, for known and unknown emails alike', async () => {
    await insertUser(ctx.t, 'acme', { email: 'url@acme.test', password: 'password-123' });
    for (const resetUrl of [
      'https://evil.example/reset',
      'http://app.example/reset',
      'https://app.example:444/reset',
      'https://app.example/reset/../other',
      'javascript:alert(1)',
    ]) {
      for (const email of ['url@acme.test', 'nobody@acme.test']) {
        assertError(await request({ email, reset_url: resetUrl }), 400, 'INVALID_PAYLOAD');
      }
    }
    await sleep(200);
    assert.equal(ctx.sink.unreadCount('url@acme.test'), 0);
  });

  it('escapes markup smuggled through query parameters of an allowed reset_url (GHSA-4hmq)', async () => {
    await insertUser(ctx.t, 'acme', { email: 'xss@acme.test', password: 'password-123' });
    const resetUrl = `${RESET_PAGE}?next="><script>alert(1)</script>&q='><img src=x onerror=alert(2)>`;
    assertNoContent(await request({ email: 'xss@acme.test', reset_url: resetUrl }));
    const mail = await ctx.sink.nextMail('xss@acme.test');
    assert.doesNotMatch(mail.html, /<script|<img|"><|'>/i);
    const link = linkIn(mail, RESET_PAGE);
    assert.equal(link.searchParams.get('next'), '"><script>alert(1)</script>');
    assert.ok(link.searchParams.get('token'));
  });

  it('refuses forged, foreign-scope and malformed tokens with 403 INVALID_TOKEN, expired ones with 401 TOKEN_EXPIRED', async () => {
    const id = await insertUser(ctx.t, 'acme', { email: 'forged@acme.test', password: 'password-123' });
    const secret = await projectSecret(ctx.t, 'acme');
    const claims = { project: 'acme', id, email: 'forged@acme.test', fp: 'x' };
    const sign = (payload: object, key = secret, options: jwt.SignOptions = { expiresIn: 600 }) =>
      jwt.sign(payload, key, { algorithm: 'HS256', issuer: 'directus', ...options });

    const cases: Array<[string, string]> = [
      ['garbage', 'not-a-jwt'],
      ['another secret', sign({ ...claims, scope: 'password-reset' }, 'some-other-secret')],
      ['invite scope', sign({ ...claims, scope: 'invite' })],
      ['another project claim', sign({ ...claims, scope: 'password-reset', project: 'other' })],
      ['stale fingerprint', sign({ ...claims, scope: 'password-reset' })],
    ];
    for (const [name, token] of cases) {
      const res = await reset({ token, password: 'whatever-123' });
      assert.equal(res.status, 403, name);
      assertError(res, 403, 'INVALID_TOKEN');
    }
    const expired = sign(
      { ...claims, scope: 'password-reset', exp: Math.floor(Date.now() / 1000) - 60 },
      secret,
      {},
    );
    assertError(await reset({ token: expired, password: 'whatever-123' }), 401, 'TOKEN_EXPIRED');
  });

  it('spends the token when the password changes by other means', async () => {
    await insertUser(ctx.t, 'acme', { email: 'changed@acme.test', password: 'password-123' });
    const token = await mailedToken('changed@acme.test');
    await withTenantDb(ctx.t, 'acme', (db) =>
      db.query(`UPDATE directus_users SET password = 'changed-elsewhere' WHERE email = 'changed@acme.test'`),
    );
    assertError(await reset({ token, password: 'new-password-123' }), 403, 'INVALID_TOKEN');
  });

  it('enforces settings.auth_password_policy with 400 FAILED_VALIDATION, leaving the token usable', async () => {
    await insertUser(ctx.t, 'acme', { email: 'policy@acme.test', password: 'password-123' });
    await withTenantDb(ctx.t, 'acme', (db) =>
      db.query(`UPDATE directus_settings SET auth_password_policy = '/^.{16,}$/'`),
    );
    try {
      const token = await mailedToken('policy@acme.test');
      const weak = await reset({ token, password: 'too-short' });
      assertError(weak, 400, 'FAILED_VALIDATION');
      assert.equal(weak.body.errors[0].extensions.field, 'password');
      assertNoContent(await reset({ token, password: 'long-enough-password' }));
    } finally {
      await withTenantDb(ctx.t, 'acme', (db) =>
        db.query('UPDATE directus_settings SET auth_password_policy = NULL'),
      );
    }
  });

  it(`mails one user at most ${RESET_MAILS_PER_HOUR} links an hour, still answering 204`, async () => {
    await insertUser(ctx.t, 'acme', { email: 'flood@acme.test', password: 'password-123' });
    for (let i = 0; i <= RESET_MAILS_PER_HOUR; i += 1) {
      assertNoContent(await request({ email: 'flood@acme.test' }));
    }
    for (let i = 0; i < RESET_MAILS_PER_HOUR; i += 1) await ctx.sink.nextMail('flood@acme.test');
    await sleep(300);
    assert.equal(ctx.sink.unreadCount('flood@acme.test'), 0);
  });

  it('validates the payloads with 400 INVALID_PAYLOAD', async () => {
    assertError(await request({}), 400, 'INVALID_PAYLOAD');
    assertError(await request({ email: 'not-an-email' }), 400, 'INVALID_PAYLOAD');
    assertError(await request({ email: 'a@acme.test', reset_url: 42 }), 400, 'INVALID_PAYLOAD');
    assertError(await reset({ password: 'x' }), 400, 'INVALID_PAYLOAD');
    assertError(await reset({ token: 'x' }), 400, 'INVALID_PAYLOAD');
  });
});

describe('/:project/auth/password/request when the mail server is down', () => {
  let t: TestApp;
  before(async () => {
    t = await TestApp.start({
      EMAIL_TRANSPORT: 'smtp',
      EMAIL_SMTP_HOST: '127.0.0.1',
      EMAIL_SMTP_PORT: String(await closedPort()),
    });
    await t.createProject('acme');
  });
  after(async () => {
    await t?.close();
  });

  it('still answers 204, for known and unknown emails', async () => {
    for (const email of ['admin@acme.test', 'nobody@acme.test']) {
      assertNoContent(await t.request('POST', '/acme/auth/password/request', { body: { email } }));
    }
  });
});
