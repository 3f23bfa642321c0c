import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppConfig, loadConfig } from '@atrium/core';
import { MissingJobProcessorError } from '@atrium/jobs';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { deleteKeys, redisAvailable, TEST_REDIS_URL, uniquePrefix } from './support/redis-test-context';

function workerConfig(redisUrl: string): AppConfig & { redisUrl: string } {
  const config = loadConfig({
    // The worker's boot validates the whole platform configuration; nothing here connects to PostgreSQL.
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/atrium_unused',
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
  });

  it('boots with no processors and answers GET /health with ok', async (t) => {
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
    const app = await createWorkerApp(workerConfig('redis://127.0.0.1:1'), { prefix });
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
      createWorkerApp(workerConfig(TEST_REDIS_URL), { prefix, queues: ['assets'] }),
      MissingJobProcessorError,
    );
  });
});
