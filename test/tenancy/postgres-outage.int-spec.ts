import { EmbeddedPostgres, startEmbeddedPostgres } from '@atrium/embedded-postgres';
import { withDatabase } from '@atrium/tenancy';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TestApp } from '../support/test-app';

const quiet = { info: () => undefined, warn: () => undefined };

/**
 * PostgreSQL stops and starts again while the API runs: requests fail fast with 503 during the outage and
 * succeed afterwards, with no restart of the API. The API gets a PostgreSQL server of its own (embedded, in
 * a temp dir) so that stopping it disturbs nothing else.
 */
describe('PostgreSQL outage and recovery', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'atrium-outage-'));
  // PostgreSQL runs as an unprivileged user when the tests run as root: it must be able to reach its data.
  chmodSync(root, 0o755);
  const dataDir = path.join(root, 'pg');
  let pg: EmbeddedPostgres;
  let t: TestApp;

  before(async () => {
    pg = await startEmbeddedPostgres({ dataDir, logger: quiet });
    t = await TestApp.start({
      DATABASE_URL: withDatabase(pg.url, 'atrium_platform'),
      TENANT_CONNECT_TIMEOUT_MS: '1000',
      REGISTRY_CACHE_TTL_MS: '500',
    });
    await t.createProject('steady');
  });

  after(async () => {
    await t?.app.close();
    await pg?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers 503 fast while PostgreSQL is down, then recovers by itself', async () => {
    assert.equal((await t.request('GET', '/steady/server/info')).status, 200);
    await pg.stop();

    for (const url of ['/steady/server/info', '/server/projects', '/steady/server/health']) {
      const started = Date.now();
      const res = await t.admin('GET', url);
      const elapsed = Date.now() - started;
      assert.equal(res.status, 503, `${url}: ${res.text}`);
      if (res.body?.errors) assert.equal(res.body.errors[0].extensions.code, 'SERVICE_UNAVAILABLE');
      assert.ok(elapsed < 4_000, `${url} took ${elapsed} ms`);
    }
    const health = await t.request('GET', '/server/health');
    assert.equal(health.status, 503);
    assert.deepEqual(health.body, { status: 'error' });
    // The liveness probe does not depend on the database.
    assert.equal((await t.request('GET', '/server/ping')).status, 200);

    pg = await startEmbeddedPostgres({ dataDir, logger: quiet });
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await t.request('GET', '/steady/server/info')).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.equal(status, 200);
    assert.equal((await t.admin('GET', '/server/projects')).status, 200);
    assert.equal((await t.admin('GET', '/server/health')).status, 200);
  });
});
