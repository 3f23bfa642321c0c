import { translateDatabaseError } from '@atrium/core';
import { enqueueAssetJob, JOB_QUEUE, JobQueueDriver } from '@atrium/jobs';
import { ProjectRegistry, TenantConnectionManager } from '@atrium/tenancy';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';
import { SKIP_WITHOUT_REDIS } from '../support/test-env';

describe('tenant pools enforce the statement timeout', () => {
  let t: TestApp;
  before(async () => {
    t = await TestApp.start({ TENANT_STATEMENT_TIMEOUT_MS: '200' });
    await t.createProject('slow');
  });
  after(async () => {
    await t?.close();
  });

  it('cancels a long query and maps it to 503 SERVICE_UNAVAILABLE', async () => {
    const project = await t.app.get(ProjectRegistry).findFresh('slow');
    const started = Date.now();
    const error = await t.app
      .get(TenantConnectionManager)
      .withPool(project!, (pool) => pool.query('SELECT pg_sleep(3)'))
      .then(
        () => null,
        (e: unknown) => e,
      );
    assert.ok(Date.now() - started < 2_000, 'the query was not cut short');
    assert.equal((error as { code?: string }).code, '57014');
    assert.equal(translateDatabaseError(error)?.code, 'SERVICE_UNAVAILABLE');
  });
});

describe('deleting a project drops its queued jobs', { skip: SKIP_WITHOUT_REDIS }, () => {
  let t: TestApp;
  before(async () => {
    t = await TestApp.start();
    await t.createProject('gone');
    await t.createProject('stays');
  });
  after(async () => {
    await t?.close();
  });

  it("removes the deleted project's jobs and keeps the others'", async () => {
    const queue = t.app.get<JobQueueDriver>(JOB_QUEUE);
    // Delayed, so that no worker anywhere picks them up during the test.
    await enqueueAssetJob(
      queue,
      { project: 'gone', instance: 'i', fileId: 'f1', variant: 'thumb' },
      { delayMs: 60_000 },
    );
    await enqueueAssetJob(
      queue,
      { project: 'stays', instance: 'i', fileId: 'f1', variant: 'thumb' },
      { delayMs: 60_000 },
    );
    assert.equal((await t.admin('DELETE', '/server/projects/gone')).status, 204);
    assert.equal(await queue.removeByJobIdPrefix('assets', 'gone:'), 0, 'the deleted project still had jobs');
    assert.equal(await queue.removeByJobIdPrefix('assets', 'stays:'), 1, "another project's job was lost");
  });
});

describe('request ids', () => {
  let t: TestApp;
  before(async () => {
    t = await TestApp.start();
  });
  after(async () => {
    await t?.close();
  });

  it('gives every response an id, and keeps the one a proxy sent', async () => {
    const generated = await t.request('GET', '/server/ping');
    assert.match(String(generated.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    const forwarded = await t.request('GET', '/server/ping', { headers: { 'x-request-id': 'edge-42' } });
    assert.equal(forwarded.headers['x-request-id'], 'edge-42');
  });
});
