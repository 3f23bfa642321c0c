import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FileStorage } from '@atrium/files';
import { PLATFORM_DATA_SOURCE } from '@atrium/tenancy';
import type { DataSource } from 'typeorm';
import { resolveFormat, SYSTEM_PRESETS, variantName } from '@atrium/media';
import { solidImage } from '../../libs/media/src/testing/images';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { projectWithAdmin, tenantRows } from '../system-data/system-data-fixture';
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

/** Polls `check` every 100 ms until it holds, for at most `ms`. */
async function eventually(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe(
  'Redis lost under load',
  { skip: !REDIS_SERVER_AVAILABLE && 'redis-server is not installed' },
  () => {
    let redis: PrivateRedis;
    let t: TestApp;
    let worker: NestFastifyApplication;
    let token: string;

    before(async () => {
      redis = await PrivateRedis.start();
      t = await TestApp.start({ REDIS_URL: redis.url });
      worker = await createWorkerApp({ ...t.config, redisUrl: redis.url });
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
      await worker?.close();
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
      const image = await within(
        5_000,
        sendFile(t, token, '/resilient/files', {
          filename: 'during.png',
          type: 'image/png',
          content: await solidImage(120, 80, 'png'),
        }),
      );
      assert.equal(image.status, 200, image.text);
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

      // The image's jobs were held in the platform database and reach the worker now: its size is read and
      // its small cover made without anybody asking for it.
      const imageId = image.body.data.id as string;
      const imageRow = async () =>
        (
          await tenantRows<{ filename_disk: string; width: number | null }>(
            t,
            'resilient',
            'SELECT filename_disk, width FROM directus_files WHERE id = $1',
            [imageId],
          )
        )[0];
      await eventually(
        'the metadata job of the upload made during the outage',
        async () => {
          return (await imageRow()).width === 120;
        },
        20_000,
      );
      const cover = variantName(
        (await imageRow()).filename_disk,
        resolveFormat(SYSTEM_PRESETS['system-small-cover'], 'image/png', undefined).resolved,
      );
      const storage = t.app.get(FileStorage).forProject('resilient');
      await eventually(
        'the small cover of the upload made during the outage',
        () => storage.exists(cover),
        20_000,
      );
      const [{ held }] = await t.app
        .get<DataSource>(PLATFORM_DATA_SOURCE)
        .query('SELECT count(*)::int AS held FROM atrium_job_outbox');
      assert.equal(held, 0, 'no job is left held');
      const all = await t.request('GET', '/resilient/items/events?limit=-1&fields=id', { token });
      assert.deepEqual(
        all.body.data.map((row: { id: number }) => row.id),
        written,
        'every acknowledged write is there',
      );
    });
  },
);
