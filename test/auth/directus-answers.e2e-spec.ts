import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { expectError } from './auth-helpers';

/** Login payload errors and unknown projects answered with Directus's messages. */
describe('auth: answers as Directus gives them', () => {
  let t: TestApp;
  before(async () => {
    t = await TestApp.start();
    await t.createProject('acme');
  });
  after(async () => {
    await t?.close();
  });

  const login = (body: unknown) => t.request('POST', '/acme/auth/login', { body });

  it('a login without email or password says which is required (Joi-style INVALID_PAYLOAD)', async () => {
    const empty = await login({});
    expectError(empty, 400, 'INVALID_PAYLOAD');
    assert.equal(empty.body.errors[0].message, 'Invalid payload. "email" is required.');
    assert.equal(empty.body.errors[0].extensions.reason, '"email" is required');

    const noPassword = await login({ email: 'admin@acme.test' });
    expectError(noPassword, 400, 'INVALID_PAYLOAD');
    assert.equal(noPassword.body.errors[0].message, 'Invalid payload. "password" is required.');
    assert.equal(noPassword.body.errors[0].extensions.reason, '"password" is required');
  });

  it('a wrongly typed field still says what is wrong with it', async () => {
    const res = await login({ email: 42, password: 'x' });
    expectError(res, 400, 'INVALID_PAYLOAD');
    assert.equal(res.body.errors[0].extensions.reason, '"email" must be a string');
  });

  it('an unknown project answers 404 ROUTE_NOT_FOUND naming the project', async () => {
    const res = await t.request('POST', '/acmee/auth/login', {
      body: { email: 'admin@acme.test', password: 'password-123' },
    });
    expectError(res, 404, 'ROUTE_NOT_FOUND');
    assert.equal(res.body.errors[0].message, `Project "acmee" doesn't exist.`);
    const get = await t.request('GET', '/acmee/items/articles');
    expectError(get, 404, 'ROUTE_NOT_FOUND');
    assert.equal(get.body.errors[0].message, `Project "acmee" doesn't exist.`);
  });

  it('a suspended project keeps answering 503 SERVICE_UNAVAILABLE', async () => {
    await t.createProject('paused');
    const suspend = await t.admin('PATCH', '/server/projects/paused', { body: { status: 'suspended' } });
    assert.equal(suspend.status, 200, suspend.text);
    expectError(await t.request('GET', '/paused/server/info'), 503, 'SERVICE_UNAVAILABLE');
  });
});
