import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@atrium/core';
import { MissingJobProcessorError } from '@atrium/jobs';
import { withDatabase } from '@atrium/tenancy';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { dropDatabases } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-env';
import { deleteKeys, redisAvailable, TEST_REDIS_URL, uniquePrefix } from './support/redis-test-context';

const id = randomBytes(4).toString('hex');

function workerConfig(redisUrl: string): AppConfig & { redisUrl: string } {
  const config = loadConfig({
    // The worker reaches projects through the platform registry, so it opens (and migrates) its database.
    DATABASE_URL: withDatabase(TEST_DATABASE_URL, `atrium_test_worker_${id}`),
    TENANT_DB_PREFIX: `tw${id}_`,
    SECRET: 's'.repeat(32),
    SUPER_ADMIN_TOKEN: 't'.repeat(32),
    REDIS_URL: redisUrl,
    LOG_LEVEL: 'silent',
  });
  return { ...config, redisUrl };
}

describe('worker app', () => {
  const prefix = uniquePrefix();
  let available = false;

  before(async () => {
    available = await redisAvailable();
  });

  after(async () => {
    if (available) await deleteKeys(prefix);
    await dropDatabases(workerConfig(TEST_REDIS_URL));
  });

  it('boots consuming the assets queue and answers GET /health with ok', async (t) => {
    if (!available) return t.skip(`Redis is not reachable at ${TEST_REDIS_URL}`);
    const app = await createWorkerApp(workerConfig(TEST_REDIS_URL), { prefix });
    try {
      const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^application\/health\+json/);
      assert.equal(response.headers['cache-control'], 'no-store');
      const body = response.json();
      assert.equal(body.status, 'ok');
      const [check] = body.checks['redis:responseTime'];
      assert.equal(check.status, 'ok');
      assert.equal(check.componentType, 'datastore');
      assert.equal(check.observedUnit, 'ms');
      assert.equal(typeof check.observedValue, 'number');
    } finally {
      await app.close();
    }
  });

  it('answers 503 with status error when Redis is unreachable', async () => {
    // No queue consumed: a BullMQ worker against a Redis that never answered keeps reconnecting after close.
    const app = await createWorkerApp(workerConfig('redis://127.0.0.1:1'), { prefix, queues: [] });
    try {
      const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health' });
      assert.equal(response.statusCode, 503);
      const body = response.json();
      assert.equal(body.status, 'error');
      assert.equal(body.checks['redis:responseTime'][0].status, 'error');
      assert.match(body.checks['redis:responseTime'][0].output, /Redis is not reachable/);
    } finally {
      await app.close();
    }
  });

  it('refuses to boot when asked to consume a queue without a processor', async (t) => {
    if (!available) return t.skip(`Redis is not reachable at ${TEST_REDIS_URL}`);
    await assert.rejects(
      createWorkerApp(workerConfig(TEST_REDIS_URL), { prefix, queues: ['assets', 'no-such-queue'] }),
      MissingJobProcessorError,
    );
  });
});
