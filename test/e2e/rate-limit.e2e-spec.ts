import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { projectWithAdmin } from '../system-data/system-data-fixture';
import { TestApp, TestResponse } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';

/** An hour-long window: a test's few requests never straddle two windows (whose counts would blend). */
const HOUR = 3600;

function assertRefused(response: TestResponse, limit: number): void {
  assert.equal(response.status, 429, response.text);
  assert.equal(response.body.errors[0].extensions.code, 'REQUESTS_EXCEEDED');
  const retryAfter = Number(response.headers['retry-after']);
  assert.ok(retryAfter >= 1 && retryAfter <= HOUR, `Retry-After ${response.headers['retry-after']}`);
  assert.equal(response.headers['ratelimit-limit'], String(limit));
  assert.equal(response.headers['ratelimit-remaining'], '0');
}

describe('per-project rate limits, shared by two instances through Redis', { skip: !TEST_REDIS_URL }, () => {
  let t: TestApp;
  let peer: TestApp;

  before(async () => {
    t = await TestApp.start();
    peer = await t.startPeer();
    await t.createProject('limited', { rate_limit: { points: 5, duration: HOUR } });
    await t.createProject('unlimited');
  });
  after(async () => {
    await peer?.close();
    await t?.close();
  });

  it('admits exactly the configured count across both instances, then answers 429 on each', async () => {
    for (let i = 0; i < 5; i++) {
      const instance = i % 2 === 0 ? t : peer;
      const response = await instance.request('GET', '/limited/server/info');
      assert.equal(response.status, 200, `request ${i + 1}: ${response.text}`);
      assert.equal(response.headers['ratelimit-limit'], '5');
      assert.equal(response.headers['ratelimit-remaining'], String(4 - i));
      assert.equal(response.headers['ratelimit-policy'], `5;w=${HOUR}`);
      assert.ok(Number(response.headers['ratelimit-reset']) >= 1);
    }
    assertRefused(await peer.request('GET', '/limited/server/info'), 5);
    assertRefused(await t.request('GET', '/limited/items/anything'), 5);
  });

  it('never counts the liveness probe, another project or the super-admin', async () => {
    const ping = await t.request('GET', '/limited/server/ping');
    assert.equal(ping.status, 200);
    assert.equal(ping.headers['ratelimit-limit'], undefined);
    const other = await peer.request('GET', '/unlimited/server/info');
    assert.equal(other.status, 200);
    assert.equal(other.headers['ratelimit-limit'], undefined, 'a project without a limit sends no headers');
    assert.equal((await t.admin('GET', '/server/projects/limited')).status, 200);
    assert.equal((await t.admin('GET', '/server/health')).status, 200);
  });

  it('shows the limit on the project and lets the super-admin change it', async () => {
    const view = await t.admin('GET', '/server/projects/limited');
    assert.deepEqual(view.body.data.rate_limit, { points: 5, duration: HOUR });
    const raised = await t.admin('PATCH', '/server/projects/limited', {
      body: { rate_limit: { points: 1000, duration: 60 } },
    });
    assert.equal(raised.status, 200, raised.text);
    assert.deepEqual(raised.body.data.rate_limit, { points: 1000, duration: 60 });
    const admitted = await t.request('GET', '/limited/server/info');
    assert.equal(admitted.status, 200, 'a new limit starts on fresh windows');
    assert.equal(admitted.headers['ratelimit-limit'], '1000');
    const reset = await t.admin('PATCH', '/server/projects/limited', { body: { rate_limit: null } });
    assert.equal(reset.body.data.rate_limit, null, 'null: the platform default');
  });

  it('refuses a malformed limit with a clear message and changes nothing', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ points: -1, duration: 60 }, /rate_limit\.points must not be negative/],
      [{ points: 10, duration: 0 }, /rate_limit\.duration must be at least 1 second/],
      [{ points: 1.5, duration: 60 }, /rate_limit\.points must be a whole number/],
      [{ points: 10 }, /rate_limit\.duration/],
      [5, /rate_limit must be an object/],
    ];
    for (const [rateLimit, message] of cases) {
      const response = await t.admin('PATCH', '/server/projects/unlimited', {
        body: { rate_limit: rateLimit },
      });
      assert.equal(response.status, 400, JSON.stringify(rateLimit));
      assert.equal(response.body.errors[0].extensions.code, 'INVALID_PAYLOAD');
      assert.match(response.body.errors[0].message, message);
    }
    const created = await t.admin('POST', '/server/projects', {
      body: {
        project: 'badlimit',
        admin_email: 'a@badlimit.test',
        admin_password: 'password-123',
        rate_limit: { points: 'many', duration: 1 },
      },
    });
    assert.equal(created.status, 400);
    assert.equal((await t.admin('GET', '/server/projects/badlimit')).status, 404, 'nothing provisioned');
    assert.equal((await t.admin('GET', '/server/projects/unlimited')).body.data.rate_limit, null);
  });
});

describe('the platform default limit', () => {
  let t: TestApp;

  before(async () => {
    t = await TestApp.start({ PROJECT_RATE_LIMIT_POINTS: '3', PROJECT_RATE_LIMIT_DURATION: String(HOUR) });
  });
  after(async () => {
    await t?.close();
  });

  it('is shown in /server/info and to signed-in users of a project, and applies to projects without their own', async () => {
    const info = await t.admin('GET', '/server/info');
    assert.deepEqual(info.body.data.defaults.project.rate_limit, { points: 3, duration: HOUR });
    const token = await projectWithAdmin(t, 'defaulted');
    const projectInfo = await t.request('GET', '/defaulted/server/info', { token });
    assert.deepEqual(projectInfo.body.data.rateLimit, { points: 3, duration: HOUR });
    assert.equal((await t.request('GET', '/defaulted/server/info')).status, 200);
    assert.equal((await t.request('GET', '/defaulted/server/info')).status, 200);
    assertRefused(await t.request('GET', '/defaulted/server/info', { token }), 3);
  });

  it('does not hold a project whose own limit is points 0', async () => {
    await t.createProject('exempt', { rate_limit: { points: 0, duration: 1 } });
    for (let i = 0; i < 5; i++) assert.equal((await t.request('GET', '/exempt/server/info')).status, 200);
    const token = await projectWithAdmin(t, 'exempt-two', { rate_limit: { points: 0, duration: 1 } });
    const info = await t.request('GET', '/exempt-two/server/info', { token });
    assert.equal(info.body.data.rateLimit, false, 'as Directus reports a disabled limiter');
  });
});

describe('rate limits without Redis', () => {
  let t: TestApp;

  before(async () => {
    t = await TestApp.start({}, { withoutRedis: true });
    await t.createProject('alone', { rate_limit: { points: 2, duration: HOUR } });
  });
  after(async () => {
    await t?.close();
  });

  it('count in the instance', async () => {
    assert.equal((await t.request('GET', '/alone/server/info')).status, 200);
    assert.equal((await t.request('GET', '/alone/server/info')).status, 200);
    assertRefused(await t.request('GET', '/alone/server/info'), 2);
  });
});
