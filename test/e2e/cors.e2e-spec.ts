import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SUPER_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { rawRequest, RawResponse, sendRaw } from '../support/raw-http';
import { projectWithAdmin } from '../system-data/system-data-fixture';

/** The preflight a browser sends before `fetch(url, {method: 'PATCH', headers: {authorization, content-type}})`. */
function preflight(path: string, origin: string, method = 'PATCH'): Buffer {
  return rawRequest('OPTIONS', path, {
    origin,
    'access-control-request-method': method,
    'access-control-request-headers': 'authorization,content-type',
    'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0',
    accept: '*/*',
    'sec-fetch-mode': 'cors',
  });
}

async function one(port: number, bytes: Buffer): Promise<RawResponse> {
  const [response] = await sendRaw(port, bytes);
  return response;
}

/** The CORS headers of a response, without the ones that differ per request. */
function corsHeaders(response: RawResponse): Record<string, string> {
  return Object.fromEntries(
    Object.entries(response.headers).filter(
      ([name]) => name.startsWith('access-control-') || name === 'vary',
    ),
  );
}

describe('CORS, configured like Directus', () => {
  let t: TestApp;
  let port: number;
  let token: string;

  before(async () => {
    t = await TestApp.start({
      CORS_ENABLED: 'true',
      CORS_ORIGIN: 'https://app.test,/^https:\\/\\/[a-z]+\\.shop\\.test$/',
      CORS_EXPOSED_HEADERS: 'Content-Range,X-Request-Id',
      CORS_MAX_AGE: '600',
    });
    token = await projectWithAdmin(t, 'shop');
    await t.createProject('narrow', { cors_origins: ['https://only.test'] });
    port = await t.port();
  });
  after(async () => {
    await t?.close();
  });

  it("answers a browser's preflight before auth and routing, with the configured headers", async () => {
    const response = await one(port, preflight('/shop/items/articles/1', 'https://app.test'));
    assert.equal(response.status, 204, response.body);
    assert.equal(response.body, '');
    assert.equal(response.headers['access-control-allow-origin'], 'https://app.test');
    assert.equal(response.headers['access-control-allow-credentials'], 'true');
    assert.equal(response.headers['access-control-allow-methods'], 'GET, POST, PATCH, DELETE');
    assert.equal(response.headers['access-control-allow-headers'], 'Content-Type, Authorization');
    assert.equal(response.headers['access-control-max-age'], '600');
    assert.match(response.headers.vary ?? '', /Origin/);
  });

  it('matches /patterns/ and refuses other origins without saying more', async () => {
    const pattern = await one(port, preflight('/shop/items/articles', 'https://north.shop.test'));
    assert.equal(pattern.headers['access-control-allow-origin'], 'https://north.shop.test');
    const refused = await one(port, preflight('/shop/items/articles', 'https://evil.test'));
    assert.equal(refused.status, 204);
    assert.equal(refused.headers['access-control-allow-origin'], undefined);
  });

  it('answers known and unknown projects alike', async () => {
    const known = await one(port, preflight('/shop/items/articles', 'https://app.test'));
    const unknown = await one(port, preflight('/no-such-project/items/articles', 'https://app.test'));
    assert.equal(unknown.status, known.status);
    assert.deepEqual(corsHeaders(unknown), corsHeaders(known));
    const refusedKnown = await one(port, preflight('/shop/items/articles', 'https://evil.test'));
    const refusedUnknown = await one(port, preflight('/nope-nope/items/articles', 'https://evil.test'));
    assert.deepEqual(corsHeaders(refusedUnknown), corsHeaders(refusedKnown));
  });

  it('answers a preflight for a suspended project and for the platform routes too', async () => {
    await t.admin('POST', '/server/projects', {
      body: { project: 'sleepy', admin_email: 'a@sleepy.test', admin_password: 'password-123' },
    });
    await t.admin('PATCH', '/server/projects/sleepy', { body: { status: 'suspended' } });
    const suspended = await one(port, preflight('/sleepy/items/articles', 'https://app.test'));
    assert.equal(suspended.status, 204);
    const platform = await one(port, preflight('/server/projects', 'https://app.test', 'POST'));
    assert.equal(platform.status, 204);
    assert.equal(platform.headers['access-control-allow-origin'], 'https://app.test');
  });

  it('a credentialed request gets its origin back, never *, and the exposed headers', async () => {
    const response = await one(
      port,
      rawRequest('GET', '/shop/users/me', {
        origin: 'https://app.test',
        authorization: `Bearer ${token}`,
        cookie: 'directus_session_token=whatever',
      }),
    );
    assert.equal(response.status, 200, response.body);
    assert.equal(response.headers['access-control-allow-origin'], 'https://app.test');
    assert.equal(response.headers['access-control-allow-credentials'], 'true');
    assert.equal(response.headers['access-control-expose-headers'], 'Content-Range, X-Request-Id');
    assert.equal(response.json.data.email, 'admin@shop.test');
  });

  it('errors carry the CORS headers too, so the browser can read them', async () => {
    const response = await one(port, rawRequest('GET', '/shop/users/me', { origin: 'https://app.test' }));
    assert.equal(response.status, 401);
    assert.equal(response.json.errors[0].extensions.code, 'INVALID_CREDENTIALS');
    assert.equal(response.headers['access-control-allow-origin'], 'https://app.test');
  });

  it("a project's cors_origins takes the place of the platform's list", async () => {
    const read = await t.admin('GET', '/server/projects/narrow');
    assert.deepEqual(read.body.data.cors_origins, ['https://only.test']);
    const own = await one(port, preflight('/narrow/items/x', 'https://only.test'));
    assert.equal(own.headers['access-control-allow-origin'], 'https://only.test');
    const platformOrigin = await one(port, preflight('/narrow/items/x', 'https://app.test'));
    assert.equal(platformOrigin.headers['access-control-allow-origin'], undefined);
    // Elsewhere the platform's list still holds.
    const elsewhere = await one(port, preflight('/shop/items/x', 'https://only.test'));
    assert.equal(elsewhere.headers['access-control-allow-origin'], undefined);
  });

  it('PATCH /server/projects changes cors_origins at once; null hands back to the platform', async () => {
    const patched = await t.admin('PATCH', '/server/projects/narrow', {
      body: { cors_origins: ['https://other.test', '/^https:\\/\\/.+\\.other\\.test$/'] },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(patched.body.data.cors_origins, [
      'https://other.test',
      '/^https:\\/\\/.+\\.other\\.test$/',
    ]);
    const sub = await one(port, preflight('/narrow/items/x', 'https://a.other.test'));
    assert.equal(sub.headers['access-control-allow-origin'], 'https://a.other.test');
    const cleared = await t.admin('PATCH', '/server/projects/narrow', { body: { cors_origins: null } });
    assert.equal(cleared.body.data.cors_origins, null);
    const platform = await one(port, preflight('/narrow/items/x', 'https://app.test'));
    assert.equal(platform.headers['access-control-allow-origin'], 'https://app.test');
  });

  it('refuses entries a browser origin can never match', async () => {
    for (const cors_origins of [['https://a.test/'], ['not an origin'], ['/(/'], 'https://a.test', [1]]) {
      const response = await t.admin('PATCH', '/server/projects/narrow', { body: { cors_origins } });
      assert.equal(response.status, 400, `${JSON.stringify(cors_origins)}: ${response.text}`);
      assert.equal(response.body.errors[0].extensions.code, 'INVALID_PAYLOAD');
    }
    const created = await t.admin('POST', '/server/projects', {
      body: {
        project: 'badcors',
        admin_email: 'a@b.test',
        admin_password: 'password-123',
        cors_origins: ['x'],
      },
    });
    assert.equal(created.status, 400, created.text);
    assert.equal((await t.admin('GET', '/server/projects/badcors')).status, 404);
  });

  it('the super-admin token is not needed for a preflight, and no handler runs', async () => {
    const response = await one(
      port,
      preflight(`/server/projects?super_admin_token=${SUPER_ADMIN_TOKEN}`, 'https://app.test', 'DELETE'),
    );
    assert.equal(response.status, 204);
    assert.equal(response.body, '');
  });
});

describe('CORS off (the Directus default), with a per-project list', () => {
  let t: TestApp;
  let port: number;

  before(async () => {
    t = await TestApp.start();
    await t.createProject('plain');
    await t.createProject('opened', { cors_origins: ['https://shop.test'] });
    port = await t.port();
  });
  after(async () => {
    await t?.close();
  });

  it('sends no CORS headers on ordinary responses', async () => {
    const response = await one(
      port,
      rawRequest('GET', '/plain/server/ping', { origin: 'https://shop.test' }),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(
      Object.keys(corsHeaders(response)).filter((name) => name.startsWith('access-control-')),
      [],
    );
  });

  it('a project with cors_origins opens itself, and only itself', async () => {
    const opened = await one(port, preflight('/opened/items/x', 'https://shop.test'));
    assert.equal(opened.status, 204);
    assert.equal(opened.headers['access-control-allow-origin'], 'https://shop.test');
    const ping = await one(port, rawRequest('GET', '/opened/server/ping', { origin: 'https://shop.test' }));
    assert.equal(ping.headers['access-control-allow-origin'], 'https://shop.test');
    const plain = await one(port, preflight('/plain/items/x', 'https://shop.test'));
    assert.equal(plain.status, 204);
    assert.equal(plain.headers['access-control-allow-origin'], undefined);
    const unknown = await one(port, preflight('/unknown-one/items/x', 'https://shop.test'));
    assert.deepEqual(corsHeaders(unknown), corsHeaders(plain));
  });
});
