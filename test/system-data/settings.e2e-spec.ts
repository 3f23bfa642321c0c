import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { errorCode, projectWithAdmin, tenantRows } from './system-data-fixture';

describe('/settings', () => {
  let t: TestApp;
  let token: string;
  const call = (method: string, url: string, body?: unknown) =>
    t.request(method, `/acme${url}`, { token, ...(body === undefined ? {} : { body }) });

  before(async () => {
    t = await TestApp.start();
    token = await projectWithAdmin(t, 'acme', { name: 'Acme Inc' });
  });
  after(async () => {
    await t?.close();
  });

  it('reads the singleton as an object', async () => {
    const res = await call('GET', '/settings');
    assert.equal(res.status, 200);
    assert.equal(res.body.data.project_name, 'Acme Inc');
    assert.equal(res.body.data.project_color, '#6644FF');
    assert.equal(res.body.data.auth_login_attempts, 25);
    assert.equal(res.body.data.storage_asset_transform, 'all');
    const some = await call('GET', '/settings?fields=project_name,public_note');
    assert.deepEqual(some.body.data, { project_name: 'Acme Inc', public_note: null });
    assert.equal(errorCode(await call('GET', '/settings?fields=nope')), 'FORBIDDEN');
  });

  it('updates and audits it', async () => {
    const presets = [{ key: 'thumb', fit: 'cover', width: 200, height: 200 }];
    const res = await call(
      'PATCH',
      '/settings?fields=project_name,project_color,auth_login_attempts,storage_asset_presets,storage_asset_transform,auth_password_policy',
      {
        project_name: 'Acme',
        project_color: '#112233',
        auth_login_attempts: null,
        storage_asset_presets: presets,
        storage_asset_transform: 'presets',
        auth_password_policy: '/^.{10,}$/',
      },
    );
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.data, {
      project_name: 'Acme',
      project_color: '#112233',
      auth_login_attempts: null,
      storage_asset_presets: presets,
      storage_asset_transform: 'presets',
      auth_password_policy: '/^.{10,}$/',
    });
    const [activity] = await tenantRows<{ id: number; action: string }>(
      t,
      'acme',
      `SELECT id, action FROM directus_activity WHERE collection = 'directus_settings'`,
    );
    assert.equal(activity.action, 'update');
    const [revision] = await tenantRows<{ delta: Record<string, unknown>; data: Record<string, unknown> }>(
      t,
      'acme',
      'SELECT delta, data FROM directus_revisions WHERE activity = $1',
      [activity.id],
    );
    assert.equal(revision.delta.project_name, 'Acme');
    assert.equal(revision.data.project_color, '#112233');
  });

  const invalid: Array<[string, unknown, string]> = [
    ['auth_login_attempts', 0, 'FAILED_VALIDATION'],
    ['auth_login_attempts', 'many', 'INVALID_PAYLOAD'],
    ['auth_login_attempts', 2.5, 'INVALID_PAYLOAD'],
    ['auth_password_policy', '([', 'FAILED_VALIDATION'],
    ['storage_asset_transform', 'some', 'FAILED_VALIDATION'],
    ['storage_asset_presets', [{ width: 10 }], 'FAILED_VALIDATION'],
    ['storage_asset_presets', { key: 'x' }, 'FAILED_VALIDATION'],
    ['storage_asset_presets', [{ key: 'a' }, { key: 'a' }], 'FAILED_VALIDATION'],
    ['project_name', null, 'FAILED_VALIDATION'],
    ['project_logo', 'not-a-uuid', 'INVALID_PAYLOAD'],
  ];
  for (const [field, value, code] of invalid) {
    it(`refuses ${field} = ${JSON.stringify(value)} (${code})`, async () => {
      const res = await call('PATCH', '/settings', { [field]: value });
      assert.equal(res.status, 400, res.text);
      assert.equal(errorCode(res), code);
      if (code === 'FAILED_VALIDATION') assert.equal(res.body.errors[0].extensions.field, field);
    });
  }

  it('drops a setting that does not exist, as Directus does with unknown fields', async () => {
    const res = await call('PATCH', '/settings?fields=project_name', { no_such_setting: 1 });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.body.data), ['project_name']);
  });

  it('refuses a body that is not an object', async () => {
    const res = await call('PATCH', '/settings', [{ project_name: 'x' }]);
    assert.equal(errorCode(res), 'INVALID_PAYLOAD');
  });

  it('answers defaults without a row, and creates it on the first write', async () => {
    await tenantRows(t, 'acme', 'DELETE FROM directus_settings');
    const defaults = await call(
      'GET',
      '/settings?fields=id,project_name,default_language,public_registration',
    );
    assert.deepEqual(defaults.body.data, {
      id: null,
      project_name: 'Directus',
      default_language: 'en-US',
      public_registration: false,
    });
    const created = await call('PATCH', '/settings?fields=project_name', { project_name: 'Reborn' });
    assert.deepEqual(created.body.data, { project_name: 'Reborn' });
    const rows = await tenantRows(t, 'acme', 'SELECT project_name FROM directus_settings');
    assert.deepEqual(rows, [{ project_name: 'Reborn' }]);
    const [last] = await tenantRows<{ action: string }>(
      t,
      'acme',
      `SELECT action FROM directus_activity WHERE collection = 'directus_settings' ORDER BY id DESC LIMIT 1`,
    );
    assert.equal(last.action, 'create');
  });
});
