import assert from 'node:assert/strict';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { after, before, describe, it } from 'node:test';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { TestApp } from '../support/test-app';
import { SKIP_WITHOUT_REDIS } from '../support/test-env';

/** Two API instances on one platform database and Redis: a schema change on one is seen by the other. */
describe('schema changes reach every instance', { skip: SKIP_WITHOUT_REDIS }, () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let token: string;
  const on = async (app: NestFastifyApplication, method: string, url: string, body?: unknown) => {
    const response = await app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: method as 'GET',
        url,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        payload: body ? JSON.stringify(body) : undefined,
      });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  };

  before(async () => {
    t = await TestApp.start();
    await t.createProject('shared');
    second = await createApiApp(t.config);
    const login = await t.request('POST', '/shared/auth/login', {
      body: { email: 'admin@shared.test', password: 'password-123' },
    });
    token = login.body.data.access_token;
  });
  after(async () => {
    await second?.close();
    await t?.close();
  });

  it('shows a field added through one app on the other within a second', async () => {
    const created = await on(t.app, 'POST', '/shared/collections', { collection: 'notes' });
    assert.equal(created.status, 200);
    // The second instance caches the schema before the change.
    assert.equal((await on(second, 'GET', '/shared/fields/notes')).body.data.length, 1);
    const added = await on(t.app, 'POST', '/shared/fields/notes', { field: 'text', type: 'text' });
    assert.equal(added.status, 200);
    const started = Date.now();
    let seen = false;
    while (!seen && Date.now() - started < 1000) {
      const read = await on(second, 'GET', '/shared/fields/notes/text');
      seen = read.status === 200;
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(seen, 'the second instance did not see the new field within a second');
  });
});
