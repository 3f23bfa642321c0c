import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SlowUpload, slowUpload } from '../support/slow-upload';
import { ShutdownDrain } from '@atrium/core';
import { projectWithAdmin, tenantRows } from '../system-data/system-data-fixture';
import { SUPER_ADMIN_TOKEN, TestApp } from '../support/test-app';

async function get(port: number, path: string, token?: string) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text.startsWith('{') ? JSON.parse(text) : text,
  };
}

describe('graceful shutdown: draining', () => {
  let t: TestApp;
  let token: string;
  let port: number;

  before(async () => {
    t = await TestApp.start();
    token = await projectWithAdmin(t, 'drain');
    port = await t.port();
  });
  after(async () => {
    await t?.close();
  });

  it('finishes the upload in flight, refuses new requests with 503 and reports itself unhealthy until done', async () => {
    const upload = slowUpload(port, '/drain/files', token, Buffer.alloc(256 * 1024, 'a'));
    // Whatever fails, the upload must end, or closing the app would wait for it.
    try {
      await drainWhileUploading(upload);
    } finally {
      upload.finish();
    }
  });

  async function drainWhileUploading(upload: SlowUpload): Promise<void> {
    const drain = t.app.get(ShutdownDrain);
    // The upload's request has started once the API counts it.
    for (let i = 0; i < 100 && drain.requestsInFlight === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(drain.requestsInFlight, 1);

    let drained: boolean | undefined;
    const draining = drain.drain(10_000).then((result) => (drained = result));

    const refused = await get(port, '/drain/items/anything', token);
    assert.equal(refused.status, 503);
    assert.equal(refused.body.errors[0].extensions.code, 'SERVICE_UNAVAILABLE');
    assert.equal(refused.headers.get('connection'), 'close');

    const health = await get(port, '/server/health', SUPER_ADMIN_TOKEN);
    assert.equal(health.status, 503);
    assert.equal(health.body.status, 'error');
    assert.equal(health.body.checks['api:shutdown'][0].status, 'error');
    assert.match(health.body.checks['api:shutdown'][0].output, /shutting down/);
    const projectHealth = await get(port, '/drain/server/health');
    assert.equal(projectHealth.status, 503);
    assert.equal((await get(port, '/server/ping')).status, 200, 'liveness still answers');
    assert.equal(drained, undefined, 'the drain waits for the upload');

    upload.finish();
    const answer = await upload.answered;
    assert.equal(answer.status, 200, answer.text);
    assert.equal(await draining, true);
    const stored = await tenantRows<{ filesize: string }>(t, 'drain', 'SELECT filesize FROM directus_files');
    assert.deepEqual(
      stored.map((row) => Number(row.filesize)),
      [256 * 1024],
      'the whole upload is stored',
    );
  }
});

describe('graceful shutdown: the timeout', () => {
  let t: TestApp;
  let token: string;

  before(async () => {
    t = await TestApp.start();
    token = await projectWithAdmin(t, 'drain');
  });
  after(async () => {
    await t?.close();
  });

  it('gives up after SHUTDOWN_TIMEOUT on a request that never ends', async () => {
    const port = await t.port();
    const drain = t.app.get(ShutdownDrain);
    const upload = slowUpload(port, '/drain/files', token, Buffer.alloc(64 * 1024, 'b'));
    upload.answered.catch(() => undefined);
    for (let i = 0; i < 100 && drain.requestsInFlight === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    assert.equal(await drain.drain(300), false);
    assert.ok(Date.now() - started < 2_000);
    upload.finish();
    assert.equal((await upload.answered).status, 200, 'a request already admitted still completes');
  });
});
