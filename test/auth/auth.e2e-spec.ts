import { ProjectSecrets } from '@atrium/auth';
import { ProjectRegistry } from '@atrium/tenancy';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as jwt from 'jsonwebtoken';
import { generate } from 'otplib';
import { TestApp } from '../support/test-app';
import { CookieJar, cookiesOf, expectError, login, PASSWORD } from './auth-helpers';

describe('auth: login, tokens, refresh, logout', () => {
  let t: TestApp;
  let secretOf: (project: string) => Promise<string>;

  before(async () => {
    t = await TestApp.start(
      { LOGIN_STALL_TIME: '200ms', SESSION_REFRESH_GRACE_PERIOD: '1s', LOG_LEVEL: 'debug' },
      { captureLogs: true },
    );
    await t.createProject('acme');
    await t.createProject('beta');
    secretOf = async (project) => {
      const entity = await t.app.get(ProjectRegistry).findFresh(project);
      return t.app.get(ProjectSecrets).jwtSecret(entity!);
    };
  });
  after(async () => {
    await t?.close();
  });

  const adminInfo = (project: string, token?: string, headers: Record<string, string> = {}) =>
    t.request('GET', `/${project}/server/info`, { token, headers });

  it('logs in (json mode) and the access token identifies an admin of that project', async () => {
    const res = await login(t, 'acme');
    assert.equal(res.status, 200);
    assert.equal(res.body.data.expires, 900_000);
    assert.equal(typeof res.body.data.refresh_token, 'string');
    const claims = jwt.decode(res.body.data.access_token) as Record<string, unknown>;
    assert.equal(claims.iss, 'directus');
    assert.equal(claims.project, 'acme');
    assert.equal(claims.admin_access, true);
    const info = await adminInfo('acme', res.body.data.access_token);
    assert.equal(info.status, 200);
    // A signed-in caller sees the version (Directus); host details are the platform super-admin's only.
    assert.equal(typeof info.body.data.version, 'string', 'a signed-in caller sees the version');
    assert.equal(info.body.data.node, undefined);
    const anonymous = await adminInfo('acme');
    assert.equal(anonymous.body.data.version, undefined);
  });

  it('answers wrong password and unknown email identically, both stalled', async () => {
    const timings: number[] = [];
    const bodies: string[] = [];
    for (const body of [{ password: 'wrong-password' }, { email: 'nobody@acme.test' }]) {
      const started = Date.now();
      const res = await login(t, 'acme', body);
      timings.push(Date.now() - started);
      expectError(res, 401, 'INVALID_CREDENTIALS');
      bodies.push(res.text);
    }
    assert.equal(bodies[0], bodies[1]);
    for (const ms of timings) assert.ok(ms >= 190, `failed login answered in ${ms} ms`);
  });

  it('rejects expired, forged, foreign and malformed tokens with the Directus codes', async () => {
    const secret = await secretOf('acme');
    const claims = {
      id: '00000000-0000-4000-8000-000000000000',
      role: null,
      app_access: true,
      admin_access: true,
      project: 'acme',
    };
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, secret, {
      issuer: 'directus',
    });
    expectError(await adminInfo('acme', expired), 401, 'TOKEN_EXPIRED');

    const wrongSecret = jwt.sign(claims, 'not-the-project-secret', { issuer: 'directus', expiresIn: 60 });
    expectError(await adminInfo('acme', wrongSecret), 403, 'INVALID_TOKEN');

    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({ ...claims, iss: 'directus', exp: Math.floor(Date.now() / 1000) + 60 }),
    ).toString('base64url');
    expectError(await adminInfo('acme', `${header}.${body}.`), 403, 'INVALID_TOKEN');

    const valid = (await login(t, 'acme')).body.data.access_token as string;
    const [h, , s] = valid.split('.');
    const tampered = Buffer.from(
      JSON.stringify({ ...(jwt.decode(valid) as object), admin_access: true, id: claims.id }),
    ).toString('base64url');
    expectError(await adminInfo('acme', `${h}.${tampered}.${s}`), 403, 'INVALID_TOKEN');

    const missingClaims = jwt.sign({ id: claims.id, project: 'acme' }, secret, {
      issuer: 'directus',
      expiresIn: 60,
    });
    expectError(await adminInfo('acme', missingClaims), 403, 'INVALID_TOKEN');

    const otherProject = jwt.sign({ ...claims, project: 'beta' }, secret, {
      issuer: 'directus',
      expiresIn: 60,
    });
    expectError(await adminInfo('acme', otherProject), 403, 'INVALID_TOKEN');

    expectError(await adminInfo('acme', 'just-some-unknown-static-token'), 401, 'INVALID_CREDENTIALS');
    const notOurs = jwt.sign(claims, secret, { issuer: 'someone-else', expiresIn: 60 });
    expectError(await adminInfo('acme', notOurs), 401, 'INVALID_CREDENTIALS');
  });

  it('refuses a token in the header and the query together', async () => {
    const token = (await login(t, 'acme')).body.data.access_token;
    expectError(
      await t.request('GET', `/acme/server/info?access_token=${token}`, { token }),
      400,
      'INVALID_PAYLOAD',
    );
    const viaQuery = await t.request('GET', `/acme/server/info?access_token=${token}`);
    assert.equal(typeof viaQuery.body.data.version, 'string');
  });

  it('rejects every kind of project A token on project B like any invalid token', async () => {
    const json = (await login(t, 'acme')).body.data;
    expectError(await adminInfo('beta', json.access_token), 403, 'INVALID_TOKEN');
    expectError(
      await t.request('POST', '/beta/auth/refresh', { body: { refresh_token: json.refresh_token } }),
      401,
      'INVALID_CREDENTIALS',
    );

    const session = await login(t, 'acme', { mode: 'session' });
    const cookie = cookiesOf(session).get('directus_session_token')!.value;
    expectError(
      await adminInfo('beta', undefined, { cookie: `directus_session_token=${cookie}` }),
      403,
      'INVALID_TOKEN',
    );

    const db = await t.tenantClient('acme');
    await db.query(`UPDATE directus_users SET token = encode(sha256('acme-static'::bytea), 'hex')`);
    await db.end();
    assert.equal(typeof (await adminInfo('acme', 'acme-static')).body.data.version, 'string');
    expectError(await adminInfo('beta', 'acme-static'), 401, 'INVALID_CREDENTIALS');
  });

  it('rotates refresh tokens, tolerates parallel refreshes, and revokes the session on replay', async () => {
    const first = (await login(t, 'acme')).body.data.refresh_token as string;
    const [a, b] = await Promise.all([
      t.request('POST', '/acme/auth/refresh', { body: { refresh_token: first } }),
      t.request('POST', '/acme/auth/refresh', { body: { refresh_token: first } }),
    ]);
    assert.equal(a.status, 200, a.text);
    assert.equal(b.status, 200, b.text);
    assert.equal(
      a.body.data.refresh_token,
      b.body.data.refresh_token,
      'parallel refreshes share the next token',
    );
    assert.notEqual(a.body.data.refresh_token, first);
    const second = a.body.data.refresh_token as string;

    await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the grace period
    expectError(
      await t.request('POST', '/acme/auth/refresh', { body: { refresh_token: first } }),
      401,
      'INVALID_CREDENTIALS',
    );
    // The replay revoked the whole session: the legitimate next token is dead too.
    expectError(
      await t.request('POST', '/acme/auth/refresh', { body: { refresh_token: second } }),
      401,
      'INVALID_CREDENTIALS',
    );
  });

  it('logs out: the refresh token and the session-mode token stop working', async () => {
    const json = (await login(t, 'acme')).body.data;
    assert.equal(
      (await t.request('POST', '/acme/auth/logout', { body: { refresh_token: json.refresh_token } })).status,
      204,
    );
    expectError(
      await t.request('POST', '/acme/auth/refresh', { body: { refresh_token: json.refresh_token } }),
      401,
      'INVALID_CREDENTIALS',
    );

    const session = await login(t, 'acme', { mode: 'session' });
    assert.equal(session.status, 200);
    assert.deepEqual(Object.keys(session.body.data), ['expires']);
    const cookie = cookiesOf(session).get('directus_session_token')!;
    assert.match(cookie.attributes, /Path=\/acme/);
    assert.match(cookie.attributes, /HttpOnly/);
    const headers = { cookie: `directus_session_token=${cookie.value}` };
    assert.equal(typeof (await adminInfo('acme', undefined, headers)).body.data.version, 'string');
    const out = await t.request('POST', '/acme/auth/logout', { body: { mode: 'session' }, headers });
    assert.equal(out.status, 204);
    assert.match(
      cookiesOf(out).get('directus_session_token')!.attributes,
      /Expires=Thu, 01 Jan 1970|Max-Age=0/,
    );
    expectError(await adminInfo('acme', undefined, headers), 401, 'INVALID_CREDENTIALS');
  });

  it('needs a refresh token to refresh: 400 INVALID_PAYLOAD', async () => {
    expectError(await t.request('POST', '/acme/auth/refresh', { body: {} }), 400, 'INVALID_PAYLOAD');
    expectError(await t.request('POST', '/acme/auth/refresh'), 400, 'INVALID_PAYLOAD');
    expectError(
      await t.request('POST', '/acme/auth/refresh', { body: { mode: 'session' } }),
      400,
      'INVALID_PAYLOAD',
    );
  });

  it('keeps cookie-mode sessions of two projects apart in one cookie jar', async () => {
    const jar = new CookieJar();
    for (const project of ['acme', 'beta']) {
      const res = await login(t, project, { mode: 'cookie' });
      assert.equal(res.status, 200);
      assert.equal(res.body.data.refresh_token, undefined);
      jar.store(res);
    }
    for (const project of ['acme', 'beta', 'acme', 'beta']) {
      const url = `/${project}/auth/refresh`;
      const res = await t.request('POST', url, {
        body: { mode: 'cookie' },
        headers: { cookie: jar.header(url) },
      });
      assert.equal(res.status, 200, `${project}: ${res.text}`);
      assert.equal((jwt.decode(res.body.data.access_token) as { project: string }).project, project);
      jar.store(res);
    }
  });

  it('writes activity for logins and failed logins', async () => {
    const db = await t.tenantClient('acme');
    const { rows } = await db.query(
      `SELECT action, count(*)::int AS n FROM directus_activity WHERE collection = 'directus_users' GROUP BY action`,
    );
    await db.end();
    const counts = Object.fromEntries(rows.map((row) => [row.action, row.n]));
    assert.ok(counts.login >= 1 && counts.login_failed >= 1, JSON.stringify(counts));
  });

  it('requires the one-time password when two-factor authentication is on', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const db = await t.tenantClient('beta');
    await db.query('UPDATE directus_users SET tfa_secret = $1', [secret]);
    try {
      expectError(await login(t, 'beta'), 401, 'INVALID_OTP');
      expectError(await login(t, 'beta', { otp: '000000' }), 401, 'INVALID_OTP');
      const otp = await generate({ secret });
      assert.equal((await login(t, 'beta', { otp })).status, 200);
      expectError(await login(t, 'beta', { otp }), 401, 'INVALID_OTP'); // the same code twice: replay
    } finally {
      await db.query('UPDATE directus_users SET tfa_secret = NULL');
      await db.end();
    }
  });

  it('suspends an account after auth_login_attempts failures; its sessions then fail with USER_SUSPENDED', async () => {
    await t.createProject('gamma');
    const refresh = (await login(t, 'gamma')).body.data.refresh_token;
    const db = await t.tenantClient('gamma');
    await db.query('UPDATE directus_settings SET auth_login_attempts = 3');
    for (let i = 0; i < 3; i++)
      expectError(await login(t, 'gamma', { password: 'nope-nope' }), 401, 'INVALID_CREDENTIALS');
    const { rows } = await db.query('SELECT status FROM directus_users');
    await db.end();
    assert.equal(rows[0].status, 'suspended');
    expectError(await login(t, 'gamma'), 401, 'INVALID_CREDENTIALS');
    expectError(
      await t.request('POST', '/gamma/auth/refresh', { body: { refresh_token: refresh } }),
      401,
      'USER_SUSPENDED',
    );
  });

  it('never logs passwords, tokens or hashes', async () => {
    const text = t.logLines.join('\n');
    assert.ok(t.logLines.length > 0, 'the app logged something');
    assert.doesNotMatch(text, new RegExp(PASSWORD));
    assert.doesNotMatch(text, /\$argon2id\$/);
    assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'a JWT reached the logs');
    assert.doesNotMatch(text, /acme-static/);
    assert.doesNotMatch(text, /JBSWY3DPEHPK3PXP/, 'a TFA secret reached the logs');
  });
});

describe('auth: per-IP login throttling', () => {
  let t: TestApp;
  before(async () => {
    t = await TestApp.start({ LOGIN_RATE_LIMIT_POINTS: '3', LOGIN_STALL_TIME: '1ms' });
    await t.createProject('thr');
  });
  after(async () => {
    await t?.close();
  });

  it('answers 429 REQUESTS_EXCEEDED past the limit, and X-Forwarded-For does not reset it', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await login(t, 'thr', { password: 'x-wrong-x' })).status, 401);
    const limited = await login(t, 'thr', {}, { 'x-forwarded-for': '203.0.113.9' });
    expectError(limited, 429, 'REQUESTS_EXCEEDED');
    assert.ok(Number(limited.headers['retry-after']) > 0);
  });

  it('trusts X-Forwarded-For only when IP_TRUST_PROXY says so', async () => {
    const trusting = await TestApp.start({
      LOGIN_RATE_LIMIT_POINTS: '2',
      LOGIN_STALL_TIME: '1ms',
      IP_TRUST_PROXY: 'true',
    });
    try {
      await trusting.createProject('prx');
      for (let i = 0; i < 2; i++)
        await login(trusting, 'prx', { password: 'bad-bad' }, { 'x-forwarded-for': '198.51.100.1' });
      expectError(
        await login(trusting, 'prx', {}, { 'x-forwarded-for': '198.51.100.1' }),
        429,
        'REQUESTS_EXCEEDED',
      );
      assert.equal((await login(trusting, 'prx', {}, { 'x-forwarded-for': '198.51.100.2' })).status, 200);
    } finally {
      await trusting.close();
    }
  });
});
