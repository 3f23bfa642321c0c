import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FileStorage } from '@atrium/files';
import { resolveFormat, SYSTEM_PRESETS, variantName, withFocalPoint } from '@atrium/media';
import { imageWithPatch, iptcDataset, photo, pixelAt, solidImage } from '../../libs/media/src/testing/images';
import { AssetJobsProcessor } from '@atrium/system-data';
import { ProjectRegistry, projectInstanceId } from '@atrium/tenancy';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { deleteKeys } from '../jobs/support/redis-test-context';
import { TestApp } from '../support/test-app';
import { SKIP_WITHOUT_REDIS, TEST_REDIS_URL } from '../support/test-env';
import { projectCaller } from './caller-fixture';
import { BOUNDARY as FILE_BOUNDARY, fileBody } from './multipart-fixture';
import { projectWithAdmin, tenantRows } from './system-data-fixture';

const BOUNDARY = '----atrium-asset-jobs-boundary-7d1e';

function multipart(filename: string, type: string, content: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        `Content-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

async function upload(t: TestApp, project: string, token: string, content: Buffer): Promise<string> {
  const res = await t.request('POST', `/${project}/files`, {
    token,
    rawBody: multipart('red.png', 'image/png', content),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
  assert.equal(res.status, 200, res.text);
  return res.body.data.id as string;
}

interface Row {
  filename_disk: string;
  width: number | null;
  height: number | null;
}

const fileRow = async (t: TestApp, project: string, id: string): Promise<Row> =>
  (
    await tenantRows<Row>(
      t,
      project,
      'SELECT filename_disk, width, height FROM directus_files WHERE id = $1',
      [id],
    )
  )[0];

/** Where `/assets/:id?key=system-small-cover` keeps its variant for a client without `Accept`. */
const smallCover = (diskName: string): string =>
  variantName(diskName, resolveFormat(SYSTEM_PRESETS['system-small-cover'], 'image/png', undefined).resolved);

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Uploads a PNG and waits until the jobs filled its dimensions and stored its small cover. */
async function uploadAndAwaitJobs(t: TestApp, project: string, token: string): Promise<void> {
  const id = await upload(t, project, token, await solidImage(120, 80, 'png'));
  const storage = t.app.get(FileStorage).forProject(project);
  let row = await fileRow(t, project, id);
  await eventually('width and height', async () => {
    row = await fileRow(t, project, id);
    return row.width !== null;
  });
  assert.deepEqual({ width: row.width, height: row.height }, { width: 120, height: 80 });
  await eventually('the system-small-cover variant', () => storage.exists(smallCover(row.filename_disk)));
  // The request path finds the pre-generated object: same name, so it is served, not made again.
  const served = await t.request('GET', `/${project}/assets/${id}?key=system-small-cover`, { token });
  assert.equal(served.status, 200);
  assert.equal(served.headers['content-type'], 'image/png');
  // Every worker's completions are counted where the API reads them (BullMQ keeps them in Redis).
  const metrics = await t.admin('GET', '/server/metrics');
  const completed = /^atrium_queue_jobs_finished_total\{queue="assets",outcome="completed"\} (\d+)$/m.exec(
    metrics.text,
  );
  assert.ok(completed && Number(completed[1]) >= 2, metrics.text.slice(0, 2000));
}

describe('post-upload asset jobs on BullMQ, run by a separate worker', () => {
  const prefix = `atrium-test-${randomUUID().slice(0, 8)}`;
  let t: TestApp;
  let worker: NestFastifyApplication;
  let token: string;

  before(async () => {
    if (SKIP_WITHOUT_REDIS) return;
    t = await TestApp.start({ JOBS_PREFIX: prefix });
    token = await projectWithAdmin(t, 'jobs');
    worker = await createWorkerApp({ ...t.config, redisUrl: TEST_REDIS_URL as string });
  });

  after(async () => {
    if (SKIP_WITHOUT_REDIS) return;
    await worker?.close();
    await t?.close();
    await deleteKeys(prefix, TEST_REDIS_URL as string);
  });

  it('fills width/height and pre-generates the system presets', { skip: SKIP_WITHOUT_REDIS }, async () => {
    await uploadAndAwaitJobs(t, 'jobs', token);
  });
});

describe('post-upload asset jobs without Redis (in-process)', () => {
  let t: TestApp;
  let token: string;

  before(async () => {
    t = await TestApp.start({ REDIS_URL: '' });
    token = await projectWithAdmin(t, 'inproc');
  });

  after(async () => t?.close());

  it('runs the same processors inside the API', async () => {
    await uploadAndAwaitJobs(t, 'inproc', token);
  });
});

describe('asset jobs follow what the bytes and the row say, as Directus does', () => {
  let t: TestApp;
  let token: string;
  const CAMERA = {
    IFD0: { Make: 'Atrium Optics', Model: 'A1', Artist: 'not kept' },
    IFD2: { FNumber: '28/10', ExposureTime: '1/250', FocalLength: '50/1', ISOSpeedRatings: '400' },
  };

  before(async () => {
    t = await TestApp.start({ REDIS_URL: '' });
    token = await projectWithAdmin(t, 'photos');
  });
  after(async () => t?.close());

  /** Uploads `content` with multipart `fields` and answers its id once the job filled its size. */
  async function uploadAndAwaitSize(
    filename: string,
    type: string,
    content: Buffer,
    fields: Record<string, string>,
  ): Promise<string> {
    const res = await t.request('POST', '/photos/files', {
      token,
      rawBody: fileBody(filename, type, content, fields),
      headers: { 'content-type': `multipart/form-data; boundary=${FILE_BOUNDARY}` },
    });
    assert.equal(res.status, 200, res.text);
    const id = res.body.data.id as string;
    await eventually('the metadata job', async () => (await fileRow(t, 'photos', id)).width !== null);
    return id;
  }

  /** Uploads a JPEG with multipart `fields` and answers what the metadata job made of its row. */
  async function uploadPhoto(content: Buffer, fields: Record<string, string>) {
    const id = await uploadAndAwaitSize('harbour.jpg', 'image/jpeg', content, fields);
    const read = await projectCaller(t, 'photos', token).ok(
      'GET',
      `/files/${id}?fields=width,height,metadata,description,title,tags`,
    );
    return read.body.data as Record<string, unknown>;
  }

  it('fills the displayed size, the EXIF subset and the IPTC text the uploader left empty', async () => {
    const content = await photo(60, 40, {
      orientation: 6,
      exif: CAMERA,
      iptc: [
        iptcDataset(120, 'Boats at dawn'),
        iptcDataset(105, 'Harbour headline'),
        iptcDataset(25, 'sea'),
        iptcDataset(25, 'boats'),
      ],
    });
    assert.deepEqual(await uploadPhoto(content, {}), {
      // Stored 60×40, shown turned a quarter: the size a viewer sees.
      width: 40,
      height: 60,
      metadata: {
        ifd0: { Make: 'Atrium Optics', Model: 'A1' },
        exif: { FNumber: 2.8, ExposureTime: 0.004, FocalLength: 50, ISOSpeedRatings: 400 },
      },
      description: 'Boats at dawn',
      // An upload's title defaults to its file name, so the headline never replaces it (as in Directus).
      title: 'Harbour',
      tags: ['sea', 'boats'],
    });
    // What the uploader sent is kept; only what they left empty is filled.
    const kept = await uploadPhoto(content, { description: 'Mine', title: 'Given', tags: '["own"]' });
    assert.deepEqual(
      { description: kept.description, title: kept.title, tags: kept.tags },
      { description: 'Mine', title: 'Given', tags: ['own'] },
    );
    // An empty title counts as none; an image without EXIF gets an empty subset.
    const plain = await uploadPhoto(await photo(10, 10, { iptc: [iptcDataset(105, 'From the headline')] }), {
      title: '',
    });
    assert.deepEqual(plain, {
      width: 10,
      height: 10,
      metadata: {},
      description: null,
      title: 'From the headline',
      tags: null,
    });
  });

  it('pre-generates a cover preset around the focal point the upload set, as a request then finds it', async () => {
    const red = { r: 255, g: 0, b: 0 };
    const image = await imageWithPatch(400, 200, { left: 340, top: 70, width: 60, height: 60, colour: red });
    const focus = { focal_point_x: '370', focal_point_y: '100' };
    const id = await uploadAndAwaitSize('focus.png', 'image/png', image, focus);
    const { filename_disk: diskName } = await fileRow(t, 'photos', id);
    const preset = resolveFormat(SYSTEM_PRESETS['system-small-cover'], 'image/png', undefined).resolved;
    const name = variantName(
      diskName,
      withFocalPoint(preset, { width: 400, height: 200, focal_point_x: 370, focal_point_y: 100 }),
    );
    assert.notEqual(name, smallCover(diskName), 'not the centred crop');
    const storage = t.app.get(FileStorage).forProject('photos');
    await eventually('the focused system-small-cover variant', () => storage.exists(name));
    const variants = async () => (await storage.list(`${diskName.replace(/\.png$/, '')}__`)).length;
    // Every preset job done (each system preset is a variant of its own), so nothing else is still being made.
    const presets = Object.keys(SYSTEM_PRESETS).length;
    await eventually('every system preset', async () => (await variants()) === presets);

    const served = await t.request('GET', `/photos/assets/${id}?key=system-small-cover`, { token });
    assert.equal(served.status, 200);
    // 400×200 covers 64×64 at 128×64; the point (118 there) puts the crop at x 64–128, the square's side.
    assert.deepEqual(await pixelAt(served.bytes, 55, 32), red);
    assert.equal(await variants(), presets, 'served the pre-generated object, made nothing new');
    assert.equal(await storage.exists(smallCover(diskName)), false, 'no centred crop was made');

    // Run before the metadata job stored the size, the preset job takes the size from the bytes.
    await tenantRows(t, 'photos', 'UPDATE directus_files SET width = NULL, height = NULL WHERE id = $1', [
      id,
    ]);
    await storage.delete(name);
    const project = await t.app.get(ProjectRegistry).findFresh('photos');
    assert.ok(project);
    await t.app.get(AssetJobsProcessor).process(
      {
        project: 'photos',
        instance: projectInstanceId(project),
        fileId: id,
        variant: 'system-small-cover',
      },
      { id: 'early', attempt: 1 },
    );
    assert.equal(await storage.exists(name), true);
    assert.equal(await storage.exists(smallCover(diskName)), false);
  });
});

describe('asset jobs of a project that is gone or re-created', () => {
  const prefix = `atrium-test-${randomUUID().slice(0, 8)}`;
  let t: TestApp;
  let token: string;
  let processor: AssetJobsProcessor;

  before(async () => {
    if (SKIP_WITHOUT_REDIS) return;
    // Jobs queue in Redis and nobody consumes them: the test runs the processor itself.
    t = await TestApp.start({ JOBS_PREFIX: prefix });
    token = await projectWithAdmin(t, 'stale');
    processor = t.app.get(AssetJobsProcessor);
  });

  after(async () => {
    if (SKIP_WITHOUT_REDIS) return;
    await t?.close();
    await deleteKeys(prefix, TEST_REDIS_URL as string);
  });

  it('skips another instance`s job and a deleted project`s job', { skip: SKIP_WITHOUT_REDIS }, async () => {
    const id = await upload(t, 'stale', token, await solidImage(40, 30, 'png'));
    const project = await t.app.get(ProjectRegistry).findFresh('stale');
    assert.ok(project);
    const instance = projectInstanceId(project);
    const job = (variant: string) => ({ id: `stale:${id}:${variant}`, attempt: 1 });

    // Queued by an earlier provisioning of the key: it must not touch this one.
    await processor.process(
      { project: 'stale', instance: `${instance}-old`, fileId: id, variant: 'metadata' },
      job('metadata'),
    );
    assert.equal((await fileRow(t, 'stale', id)).width, null);

    await processor.process({ project: 'stale', instance, fileId: id, variant: 'metadata' }, job('metadata'));
    const row = await fileRow(t, 'stale', id);
    assert.deepEqual({ width: row.width, height: row.height }, { width: 40, height: 30 });

    assert.equal((await t.admin('DELETE', '/server/projects/stale')).status, 204);
    await processor.process(
      { project: 'stale', instance, fileId: id, variant: 'system-small-cover' },
      job('system-small-cover'),
    );
    assert.equal(
      await t.app.get(FileStorage).forProject('stale').exists(smallCover(row.filename_disk)),
      false,
    );
  });

  it(
    'completes without retrying when the stored bytes are not an image',
    { skip: SKIP_WITHOUT_REDIS },
    async () => {
      const other = await projectWithAdmin(t, 'broken');
      const id = await upload(t, 'broken', other, Buffer.from('not a png at all'));
      const project = await t.app.get(ProjectRegistry).findFresh('broken');
      assert.ok(project);
      const payload = { project: 'broken', instance: projectInstanceId(project), fileId: id };
      await processor.process({ ...payload, variant: 'metadata' }, { id: 'm', attempt: 1 });
      await processor.process({ ...payload, variant: 'system-small-cover' }, { id: 's', attempt: 1 });
      assert.equal((await fileRow(t, 'broken', id)).width, null);
    },
  );
});
