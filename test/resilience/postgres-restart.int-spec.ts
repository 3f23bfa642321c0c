import { freePort } from '../support/free-port';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EmbeddedPostgres, startEmbeddedPostgres } from '@atrium/embedded-postgres';
import { withDatabase } from '@atrium/tenancy';
import { TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL restarted under a write load', () => {
  let dataDir: string;
  let port: number;
  let pg: EmbeddedPostgres;
  let t: TestApp;
  let token: string;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-pg-restart-'));
    // Run as root, the server runs as another user, which must be able to reach its data.
    chmodSync(dataDir, 0o755);
    port = await freePort();
    pg = await startEmbeddedPostgres({ dataDir, port });
    t = await TestApp.start({ DATABASE_URL: withDatabase(pg.url, 'atrium_restart_platform') });
    await t.createProject('steady');
    // By login: the test's direct database helpers point at the shared server, not this private one.
    const login = await t.request('POST', '/steady/auth/login', {
      body: { email: 'admin@steady.test', password: 'password-123' },
    });
    assert.equal(login.status, 200, login.text);
    token = login.body.data.access_token;
    const made = await t.request('POST', '/steady/collections', {
      token,
      body: {
        collection: 'orders',
        fields: [
          { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
          { field: 'label', type: 'string' },
        ],
      },
    });
    assert.equal(made.status, 200, made.text);
  });
  after(async () => {
    await t?.app.close();
    await pg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write, answers 503 fast during the outage and recovers without a restart', async () => {
    const acknowledged: number[] = [];
    const outageStatuses: number[] = [];
    let slowest = 0;
    let down = false;
    let running = true;
    const writer = async (name: string) => {
      for (let i = 0; running; i++) {
        const started = Date.now();
        const response = await t.request('POST', '/steady/items/orders', {
          token,
          body: { label: `${name}-${i}` },
        });
        if (down) slowest = Math.max(slowest, Date.now() - started);
        if (response.status === 200) acknowledged.push(response.body.data.id);
        else {
          if (down) outageStatuses.push(response.status);
          assert.ok(
            response.status === 503,
            `a failed write answers 503, not ${response.status}: ${response.text}`,
          );
          await sleep(20);
        }
      }
    };
    const writers = [writer('a'), writer('b')];
    await sleep(500);
    const beforeOutage = acknowledged.length;
    assert.ok(beforeOutage > 0, 'writes went through before the outage');

    down = true;
    await pg.stop();
    await sleep(1_500);
    pg = await startEmbeddedPostgres({ dataDir, port });
    down = false;
    const restartedAt = acknowledged.length;
    for (let i = 0; i < 200 && acknowledged.length === restartedAt; i++) await sleep(100);
    running = false;
    await Promise.all(writers);

    assert.ok(acknowledged.length > restartedAt, 'writes succeed again after the restart');
    assert.ok(outageStatuses.length > 0, 'writes during the outage were refused');
    assert.ok(slowest < 5_000, `refusals during the outage came fast (slowest ${slowest} ms)`);
    const stored = await t.request('GET', '/steady/items/orders?limit=-1&fields=id', { token });
    assert.equal(stored.status, 200, stored.text);
    const ids = new Set(stored.body.data.map((row: { id: number }) => row.id));
    assert.deepEqual(
      acknowledged.filter((id) => !ids.has(id)),
      [],
      'no acknowledged write is missing',
    );
  });
});
