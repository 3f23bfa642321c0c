import { AuthInvalidation } from '@atrium/auth';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp, TestResponse } from '../support/test-app';
import { SKIP_WITHOUT_REDIS, TEST_REDIS_URL } from '../support/test-env';

/**
 * A project deleted and provisioned again under the same key is a new project (DESIGN §6): nothing an API
 * instance remembered about the old one (cached static-token identities, its unsealed JWT secret…) may
 * authenticate anyone on the new one, not even for the few seconds those caches live.
 */

const KEY = 'reborn';
const PASSWORD = 'password-123';
const STATIC_TOKEN = 'reborn-old-static-token-0123456789';

function expectError(res: TestResponse, status: number, code: string): void {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${res.text}`);
  assert.equal(res.body?.errors?.[0]?.extensions?.code, code, res.text);
}

async function loginAsAdmin(t: TestApp): Promise<string> {
  const res = await t.request('POST', `/${KEY}/auth/login`, {
    body: { email: `admin@${KEY}.test`, password: PASSWORD },
  });
  assert.equal(res.status, 200, res.text);
  return res.body.data.access_token as string;
}

/**
 * Resolves once every app has handled the auth invalidation the next user change announces. With Redis the
 * instance that made the change hears it twice (at once, then back through Redis) and the others once; a
 * late delivery would empty the static-token cache this test needs filled before the project is deleted.
 */
function authInvalidationHandled(changedOn: TestApp, peers: TestApp[]): Promise<unknown> {
  const apps = [changedOn, ...peers];
  return Promise.all(
    apps.map(
      (app, index) =>
        new Promise<void>((resolve) => {
          const expected = index === 0 && TEST_REDIS_URL ? 2 : 1;
          let heard = 0;
          app.app.get(AuthInvalidation).onProjectChanged((key) => {
            if (key === KEY && ++heard === expected) resolve();
          });
        }),
    ),
  );
}

/** Provisions the project; its admin gets a static token, and both credentials are used once (cached). */
async function provisionWithCredentials(t: TestApp, peers: TestApp[] = []): Promise<{ jwt: string }> {
  await t.createProject(KEY);
  const jwt = await loginAsAdmin(t);
  const me = await t.request('GET', `/${KEY}/users/me?fields=id`, { token: jwt });
  assert.equal(me.status, 200, me.text);
  const handled = authInvalidationHandled(t, peers);
  const patched = await t.request('PATCH', `/${KEY}/users/${me.body.data.id}`, {
    token: jwt,
    body: { token: STATIC_TOKEN },
  });
  assert.equal(patched.status, 200, patched.text);
  await handled;
  for (const app of [t, ...peers]) {
    for (const token of [STATIC_TOKEN, jwt]) {
      const used = await app.request('GET', `/${KEY}/users/me?fields=id`, { token });
      assert.equal(used.status, 200, used.text);
      assert.equal(used.body.data.id, me.body.data.id);
    }
  }
  return { jwt };
}

async function deleteProject(t: TestApp): Promise<void> {
  const deleted = await t.admin('DELETE', `/server/projects/${KEY}`);
  assert.equal(deleted.status, 204, deleted.text);
}

/** The old project's credentials are refused on the new one, whose own admin can log in. */
async function expectOnlyNewCredentials(app: TestApp, old: { jwt: string }): Promise<void> {
  expectError(
    await app.request('GET', `/${KEY}/users/me`, { token: STATIC_TOKEN }),
    401,
    'INVALID_CREDENTIALS',
  );
  // Signed with the old project's secret: a bad signature for the new one.
  expectError(await app.request('GET', `/${KEY}/users/me`, { token: old.jwt }), 403, 'INVALID_TOKEN');
  const jwt = await loginAsAdmin(app);
  const me = await app.request('GET', `/${KEY}/users/me?fields=email`, { token: jwt });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.data.email, `admin@${KEY}.test`);
}

describe('a re-created project inherits no cached credentials', () => {
  let t: TestApp;
  before(async () => {
    t = await TestApp.start();
  });
  after(async () => {
    await t?.close();
  });

  it('refuses the old static token and JWT right after delete and re-create', async () => {
    const old = await provisionWithCredentials(t);
    await deleteProject(t);
    await t.createProject(KEY);
    await expectOnlyNewCredentials(t, old);
  });
});

describe('another API instance drops them too', { skip: SKIP_WITHOUT_REDIS }, () => {
  let t: TestApp;
  let peer: TestApp;
  before(async () => {
    t = await TestApp.start();
    peer = await t.startPeer();
  });
  after(async () => {
    await peer?.close();
    await t?.close();
  });

  it('refuses the old credentials on the instance that did not delete the project', async () => {
    const old = await provisionWithCredentials(t, [peer]);
    await deleteProject(t);
    await t.createProject(KEY);
    await expectOnlyNewCredentials(peer, old);
  });
});
