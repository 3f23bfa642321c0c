import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { PASSWORD } from './auth-helpers';

/**
 * The official client, unmodified, against a project's base URL: it appends its paths to `/<project>`,
 * so login, refresh, `/users/me` and logout all land inside the project.
 */
describe('@directus/sdk against a project base URL', () => {
  let t: TestApp;
  let base: string;

  before(async () => {
    t = await TestApp.start();
    await t.createProject('sdk');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/sdk`;
  });
  after(async () => {
    await t?.close();
  });

  it('logs in, refreshes, reads /users/me and logs out (json mode)', async () => {
    // The SDK is an ES module.
    const { authentication, createDirectus, readMe, rest } = await import('@directus/sdk');
    const client = createDirectus(base)
      .with(authentication('json', { autoRefresh: false }))
      .with(rest());

    const auth = await client.login('admin@sdk.test', PASSWORD);
    assert.equal(typeof auth.access_token, 'string');
    assert.equal(auth.expires, 900_000);

    const refreshed = await client.refresh();
    assert.notEqual(refreshed.refresh_token, auth.refresh_token);

    const me = await client.request(readMe({ fields: ['id', 'email', 'password'] }));
    assert.equal(me.email, 'admin@sdk.test');
    assert.equal(me.password, '**********');

    await client.logout();
    await assert.rejects(
      client.request(readMe()),
      (error: { errors?: Array<{ extensions?: { code?: string } }> }) =>
        error.errors?.[0]?.extensions?.code === 'INVALID_CREDENTIALS' ||
        error.errors?.[0]?.extensions?.code === 'FORBIDDEN',
    );
    // After logout the refresh token is dead on the server as well.
    const stale = await t.request('POST', '/sdk/auth/refresh', {
      body: { refresh_token: refreshed.refresh_token },
    });
    assert.equal(stale.status, 401);
  });
});
