import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { projectWithAdmin } from '../system-data/system-data-fixture';
import { sendFile } from '../system-data/multipart-fixture';
import { TestApp } from '../support/test-app';
import { PrivateRedis, REDIS_SERVER_AVAILABLE } from './private-redis';

/** Answers within `ms`, or the request counts as hanging. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe(
  'Redis lost under load',
  { skip: !REDIS_SERVER_AVAILABLE && 'redis-server is not installed' },
  () => {
    let redis: PrivateRedis;
    let t: TestApp;
    let token: string;

    before(async () => {
      redis = await PrivateRedis.start();
      t = await TestApp.start({ REDIS_URL: redis.url });
      token = await projectWithAdmin(t, 'resilient');
      await t.createProject('tight', { rate_limit: { points: 3, duration: 3600 } });
      const made = await t.request('POST', '/resilient/collections', {
        token,
        body: {
          collection: 'events',
          fields: [
            { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
            { field: 'name', type: 'string' },
          ],
        },
      });
      assert.equal(made.status, 200, made.text);
    });
    after(async () => {
      await t?.close();
      await redis?.stop();
    });

    it('keeps reading and writing, accepts uploads and counts rate limits per instance, then recovers', async () => {
      const written: number[] = [];
      const write = async (name: string) => {
        const response = await within(
          3_000,
          t.request('POST', '/resilient/items/events', { token, body: { name } }),
        );
        assert.equal(response.status, 200, response.text);
        written.push(response.body.data.id);
      };
      await write('before');

      await redis.stop();
      for (let i = 0; i < 10; i++) await write(`during-${i}`);
      const read = await within(3_000, t.request('GET', '/resilient/items/events?limit=-1', { token }));
      assert.equal(read.status, 200, read.text);
      assert.equal(read.body.data.length, written.length);
      const upload = await within(
        5_000,
        sendFile(t, token, '/resilient/files', {
          filename: 'during.txt',
          type: 'text/plain',
          content: Buffer.from('uploaded while Redis was down'),
        }),
      );
      assert.equal(upload.status, 200, upload.text);
      const downloaded = await t.request('GET', `/resilient/assets/${upload.body.data.id}`, { token });
      assert.equal(downloaded.text, 'uploaded while Redis was down');
      // The documented degradation: the limit is counted in this instance's memory, and still holds.
      for (let i = 0; i < 3; i++) assert.equal((await t.request('GET', '/tight/server/info')).status, 200);
      assert.equal((await t.request('GET', '/tight/server/info')).status, 429);
      const health = await within(5_000, t.admin('GET', '/server/health'));
      assert.equal(health.status, 503, 'health says Redis is down');

      await redis.resume();
      let healthy = false;
      for (let i = 0; i < 100 && !healthy; i++) {
        healthy =
          (await t.admin('GET', '/server/health')).body.checks?.['redis:responseTime']?.[0]?.status === 'ok';
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(healthy, 'the API reconnects to Redis without a restart');
      await write('after');
      const all = await t.request('GET', '/resilient/items/events?limit=-1&fields=id', { token });
      assert.deepEqual(
        all.body.data.map((row: { id: number }) => row.id),
        written,
        'every acknowledged write is there',
      );
    });
  },
);
