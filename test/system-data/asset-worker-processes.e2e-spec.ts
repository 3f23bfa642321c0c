import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { ASSETS_QUEUE, JOB_QUEUE, type JobQueueDriver } from '@atrium/jobs';
import { resolveFormat, SYSTEM_PRESETS, variantName } from '@atrium/media';
import { pngClaiming, solidImage } from '../../libs/media/src/testing/images';
import { sharp } from '../../libs/media/src/sharp';
import { deleteKeys, uniquePrefix, waitFor } from '../jobs/support/redis-test-context';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { SUPER_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { SKIP_WITHOUT_REDIS, TEST_REDIS_URL } from '../support/test-env';
import { BOUNDARY, fileBody } from './multipart-fixture';
import { projectWithAdmin, tenantRows } from './system-data-fixture';

/**
 * The deployment of DESIGN §8 with real processes: two API instances and `apps/worker` (what
 * `npm run start:worker` runs), sharing one platform database, storage root and Redis. The in-process
 * `TestApp` only provisions the project and owns the databases; with Redis it runs no job itself, so every
 * job effect seen here is the worker process's.
 */

const PROJECT = 'gallery';
const PRESETS = Object.keys(SYSTEM_PRESETS);

interface FileRow {
  filename_disk: string;
  type: string;
  width: number | null;
  height: number | null;
}

/** Where the `assets` job (and `/assets/:id?key=<preset>` without `Accept`) keeps a preset of a file. */
const presetVariant = (row: FileRow, preset: string): string =>
  variantName(row.filename_disk, resolveFormat(SYSTEM_PRESETS[preset], row.type, undefined).resolved);

describe('asset jobs in a worker process behind two API processes', { skip: SKIP_WITHOUT_REDIS }, () => {
  const prefix = uniquePrefix();
  let dataDir: string;
  let t: TestApp;
  let token: string;
  let env: Record<string, string>;
  /** Every process started, to stop whatever `before` or a test left running. */
  const running: AppProcess[] = [];
  let api1: AppProcess;
  let api2: AppProcess;
  let firstWorker: AppProcess;
  let redis: Redis;
  let queue: JobQueueDriver;

  const storagePath = (name: string) => path.join(t.config.storageLocalRoot, PROJECT, name);
  const fileRow = async (id: string): Promise<FileRow> =>
    (
      await tenantRows<FileRow>(
        t,
        PROJECT,
        'SELECT filename_disk, type, width, height FROM directus_files WHERE id = $1',
        [id],
      )
    )[0];

  async function upload(on: AppProcess, filename: string, type: string, content: Buffer): Promise<string> {
    const response = await fetch(`${on.url}/${PROJECT}/files`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      },
      body: fileBody(filename, type, content),
    });
    const text = await response.text();
    assert.equal(response.status, 200, text);
    return JSON.parse(text).data.id as string;
  }

  /** Jobs not finished yet: waiting, running, or delayed for a retry. */
  async function pendingJobs(): Promise<number> {
    const counts = await queue.counts(ASSETS_QUEUE);
    return counts.waiting + counts.active + counts.delayed;
  }

  /** Waits until the file's jobs are done: its dimensions filled and every system preset stored. */
  async function awaitJobEffects(id: string, timeoutMs = 20_000): Promise<FileRow> {
    let row = await fileRow(id);
    await waitFor(async () => {
      row = await fileRow(id);
      if (row.width === null) return false;
      return PRESETS.every((preset) => {
        try {
          return statSync(storagePath(presetVariant(row, preset))).size > 0;
        } catch {
          return false;
        }
      });
    }, timeoutMs);
    return row;
  }

  const start = async (app: 'api' | 'worker'): Promise<AppProcess> => {
    const started = await startAppProcess(app, env);
    running.push(started);
    return started;
  };

  before(async () => {
    t = await TestApp.start({ JOBS_PREFIX: prefix });
    token = await projectWithAdmin(t, PROJECT);
    queue = t.app.get<JobQueueDriver>(JOB_QUEUE);
    redis = new Redis(TEST_REDIS_URL as string);
    dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-processes-'));
    // Secrets come from the environment; the flag keeps the API processes from creating a demo project.
    writeFileSync(path.join(dataDir, 'secrets.json'), JSON.stringify({ demo_created: true }));
    env = {
      NODE_ENV: 'test',
      DATABASE_URL: t.config.databaseUrl,
      TENANT_DB_PREFIX: t.config.tenantDbPrefix,
      SECRET: t.config.secret,
      SUPER_ADMIN_TOKEN,
      DATA_DIR: dataDir,
      STORAGE_LOCAL_ROOT: t.config.storageLocalRoot,
      REDIS_URL: TEST_REDIS_URL as string,
      JOBS_PREFIX: prefix,
      // A killed worker's job is recovered within seconds, not the default minute.
      JOBS_LOCK_DURATION: '2s',
      JOBS_STALLED_INTERVAL: '1s',
      // Warnings only: the stalled-job recovery is one of them.
      LOG_LEVEL: 'warn',
    };
    [api1, api2, firstWorker] = await Promise.all([start('api'), start('api'), start('worker')]);
  });

  after(async () => {
    await Promise.all(running.map((started) => started.stop()));
    redis?.disconnect();
    await t?.close();
    await deleteKeys(prefix, TEST_REDIS_URL as string);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  let pngId: string;

  it('the worker process fills width/height and stores every preset of a JPEG and a PNG', async () => {
    const jpegId = await upload(api1, 'photo.jpg', 'image/jpeg', await solidImage(640, 480, 'jpeg'));
    pngId = await upload(api1, 'banner.png', 'image/png', await solidImage(400, 300, 'png'));
    const jpeg = await awaitJobEffects(jpegId);
    const png = await awaitJobEffects(pngId);
    assert.deepEqual([jpeg.width, jpeg.height], [640, 480]);
    assert.deepEqual([png.width, png.height], [400, 300]);
    const cover = await sharp(
      readFileSync(storagePath(presetVariant(jpeg, 'system-small-cover'))),
    ).metadata();
    assert.deepEqual([cover.format, cover.width, cover.height], ['jpeg', 64, 64]);
  });

  it('API instance 2 serves the variant the worker made, without transforming again', async () => {
    const row = await fileRow(pngId);
    const stored = storagePath(presetVariant(row, 'system-small-cover'));
    const before = statSync(stored);
    const listing = readdirSync(path.dirname(stored)).sort();
    const response = await fetch(`${api2.url}/${PROJECT}/assets/${pngId}?key=system-small-cover`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), readFileSync(stored));
    // A transform would have written the object again (a new file renamed into place) or another one.
    const after = statSync(stored);
    assert.deepEqual([after.ino, after.mtimeMs], [before.ino, before.mtimeMs]);
    assert.deepEqual(readdirSync(path.dirname(stored)).sort(), listing);
  });

  it('a decompression bomb and a truncated JPEG end their jobs without failing or stopping the worker', async () => {
    const bomb = await upload(api1, 'bomb.png', 'image/png', pngClaiming(20000, 20000));
    const whole = await solidImage(300, 300, 'jpeg');
    const truncated = await upload(api2, 'cut.jpg', 'image/jpeg', whole.subarray(0, whole.length / 2));
    const next = await upload(api1, 'next.png', 'image/png', await solidImage(90, 60, 'png'));
    await awaitJobEffects(next);
    await waitFor(async () => (await pendingJobs()) === 0, 15_000);
    assert.equal((await queue.counts(ASSETS_QUEUE)).failed, 0, 'no job failed (nor waits for a retry)');
    // Refused as `/assets` refuses them (400): no variant is stored.
    for (const id of [bomb, truncated]) {
      const row = await fileRow(id);
      for (const preset of PRESETS) {
        assert.throws(() => statSync(storagePath(presetVariant(row, preset))), /ENOENT/, preset);
      }
    }
    assert.equal((await fetch(`${firstWorker.url}/health`)).status, 200, 'the worker still runs');
  });

  it('a worker killed mid-job loses no job: a worker started afterwards finishes it', async () => {
    // Large images make each preset job take a while, so the worker dies with jobs in hand.
    const large = await solidImage(5000, 5000, 'png');
    const ids = [
      await upload(api1, 'large-1.png', 'image/png', large),
      await upload(api2, 'large-2.png', 'image/png', large),
    ];
    const activeKey = `${prefix}:${ASSETS_QUEUE}:active`;
    await waitFor(async () => (await redis.llen(activeKey)) > 0, 10_000);
    await firstWorker.stop('SIGKILL');
    // Whatever is active now was running when the worker died: its lock still held by a dead process.
    const orphaned = await redis.lrange(activeKey, 0, -1);
    assert.ok(orphaned.length > 0, 'the worker died with jobs running');
    assert.ok(await pendingJobs(), 'jobs were left');

    const second = await start('worker');
    for (const id of ids) {
      const row = await awaitJobEffects(id, 30_000);
      assert.deepEqual([row.width, row.height], [5000, 5000]);
    }
    await waitFor(async () => (await pendingJobs()) === 0, 15_000);
    assert.equal((await queue.counts(ASSETS_QUEUE)).failed, 0);
    for (const jobId of orphaned) {
      const [, fileId, variant] = jobId.split(':');
      assert.ok(ids.includes(fileId), jobId);
      const row = await fileRow(fileId);
      if (variant === 'metadata') assert.notEqual(row.width, null, jobId);
      else assert.ok(statSync(storagePath(presetVariant(row, variant))).size > 0, jobId);
    }
    assert.match(second.output(), /Job stalled/, 'recovered by the stalled-job check');
  });
});
