import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FileStorage, type StorageDriver } from '@atrium/files';
import { ProjectStatsRefresher } from '@atrium/tenancy';
import { noisyImage, solidImage } from '../../libs/media/src/testing/images';
import { TestApp, type TestResponse } from '../support/test-app';
import { projectCaller, refusal, type ProjectCaller } from './caller-fixture';
import { BOUNDARY, sendFile } from './multipart-fixture';
import { projectWithAdmin, tenantRows } from './system-data-fixture';

const KIB = 1024;

interface Totals {
  database: number;
  files: number;
  variants: number;
}

interface VariantRow {
  name: string;
  size: string;
}

/** A multipart body of several text files, each `size` bytes. */
function filesBody(sizes: number[]): Buffer {
  const parts = sizes.map((size, i) =>
    Buffer.concat([
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="part-${i}.txt"\r\n` +
          'Content-Type: text/plain\r\n\r\n',
      ),
      Buffer.alloc(size, 'q'),
      Buffer.from('\r\n'),
    ]),
  );
  return Buffer.concat([...parts, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

/**
 * Project quotas (seed 003, issue 13): usage is the tenant's running totals (database + originals + cached
 * variants); HARD refuses what would pass the size, before anything is kept, and refuses item writes once
 * full; FIFO evicts cached variants oldest first to make room, never originals.
 */
describe('project quotas', () => {
  let t: TestApp;

  const totals = async (project: string): Promise<Totals> => {
    const [row] = await tenantRows<{ database: string; files: string; variants: string }>(
      t,
      project,
      `SELECT pg_database_size(current_database()) AS database, file_bytes AS files, variant_bytes AS variants
       FROM atrium_storage_usage`,
    );
    return { database: Number(row.database), files: Number(row.files), variants: Number(row.variants) };
  };
  const used = (totals: Totals) => totals.database + totals.files + totals.variants;
  const setQuota = async (project: string, quota: Record<string, unknown>) => {
    const res = await t.admin('PATCH', `/server/projects/${project}`, { body: { quota } });
    assert.equal(res.status, 200, res.text);
  };
  /** The quota at `headroom` bytes above what the project stores now. */
  const quotaWithHeadroom = async (project: string, type: string, headroom: number) =>
    setQuota(project, { type, size: used(await totals(project)) + headroom });
  const fileCount = async (project: string) =>
    Number((await tenantRows<{ n: string }>(t, project, 'SELECT count(*) AS n FROM directus_files'))[0].n);
  const variants = (project: string) =>
    tenantRows<VariantRow>(
      t,
      project,
      'SELECT name, size FROM atrium_asset_variants ORDER BY created_at, name',
    );
  const driver = (project: string): StorageDriver => t.app.get(FileStorage).forProject(project);
  const textFile = (size: number) => ({
    filename: 'notes.txt',
    type: 'text/plain',
    content: Buffer.alloc(size, 'x'),
  });

  const uploadImage = async (project: string, token: string, content: Buffer): Promise<string> => {
    const res = await sendFile(t, token, `/${project}/files`, {
      filename: 'image.png',
      type: 'image/png',
      content,
    });
    assert.equal(res.status, 200, res.text);
    return res.body.data.id;
  };

  /** The counted totals equal the rows they count (the triggers missed nothing). */
  async function assertCountersMatchRows(project: string): Promise<void> {
    const [row] = await tenantRows<Record<string, string>>(
      t,
      project,
      `SELECT u.file_count, u.file_bytes, u.variant_count, u.variant_bytes,
         (SELECT count(*) FROM directus_files) AS files, (SELECT coalesce(sum(filesize), 0) FROM directus_files) AS fbytes,
         (SELECT count(*) FROM atrium_asset_variants) AS variants,
         (SELECT coalesce(sum(size), 0) FROM atrium_asset_variants) AS vbytes
       FROM atrium_storage_usage u`,
    );
    assert.deepEqual(
      [row.file_count, row.file_bytes, row.variant_count, row.variant_bytes],
      [row.files, row.fbytes, row.variants, row.vbytes],
    );
  }

  before(async () => {
    t = await TestApp.start({ STATS_CACHE_TTL_MS: '0' });
  });
  after(async () => {
    await t?.close();
  });

  it('accepts HARD and FIFO quotas with a size, and refuses others with 400', async () => {
    const token = await projectWithAdmin(t, 'quotaform', { quota: { type: 'FIFO', size: 50_000_000 } });
    assert.ok(token);
    const shown = await t.admin('GET', '/server/projects/quotaform');
    assert.deepEqual(shown.body.data.quota, { type: 'FIFO', size: 50_000_000 });
    for (const quota of [{ type: 'FIFO' }, { type: 'LIFO', size: 10 }, { type: 'HARD', size: -1 }]) {
      const res = await t.admin('PATCH', '/server/projects/quotaform', { body: { quota } });
      assert.deepEqual(refusal(res), { status: 400, code: 'INVALID_PAYLOAD' }, JSON.stringify(quota));
    }
  });

  describe('HARD', () => {
    let token: string;
    let admin: ProjectCaller;
    let imageId: string;

    before(async () => {
      token = await projectWithAdmin(t, 'hardq');
      admin = projectCaller(t, 'hardq', token);
      await admin.ok('POST', '/collections', {
        collection: 'notes',
        fields: [
          { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
          { field: 'body', type: 'string' },
        ],
      });
      await admin.ok('POST', '/items/notes', { body: 'first' });
      imageId = await uploadImage('hardq', token, await solidImage(64, 64));
    });

    it('counts files as they are uploaded and deleted, and shows the usage in /server/projects', async () => {
      const before = await totals('hardq');
      const res = await sendFile(t, token, '/hardq/files', textFile(30 * KIB));
      assert.equal(res.status, 200, res.text);
      assert.equal((await totals('hardq')).files, before.files + 30 * KIB);
      // The route reads the stored stats, which the background refresh keeps current: measure now.
      await t.app.get(ProjectStatsRefresher).measure('hardq');
      const listed = (await t.admin('GET', '/server/projects/hardq')).body.data;
      assert.equal(listed.files_size, before.files + 30 * KIB);
      assert.equal(listed.size, listed.database_size + listed.files_size + listed.variants_size);
      assert.equal(listed.file_count, 2);
      await admin.ok('DELETE', `/files/${res.body.data.id}`);
      assert.equal((await totals('hardq')).files, before.files);
      await assertCountersMatchRows('hardq');
    });

    it('refuses an upload that would pass the quota with 413 LIMIT_EXCEEDED and keeps nothing', async () => {
      await quotaWithHeadroom('hardq', 'HARD', 200 * KIB);
      const files = await fileCount('hardq');
      const objects = (await driver('hardq').list('')).length;
      const refused = await sendFile(t, token, '/hardq/files', textFile(400 * KIB));
      assert.deepEqual(refusal(refused), { status: 413, code: 'LIMIT_EXCEEDED' });
      assert.match(refused.body.errors[0].message, /quota/);
      // Two parts that fit one by one but not together: neither is kept.
      const both = await t.request('POST', '/hardq/files', {
        token,
        rawBody: filesBody([120 * KIB, 120 * KIB]),
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      });
      assert.deepEqual(refusal(both), { status: 413, code: 'LIMIT_EXCEEDED' });
      assert.equal(await fileCount('hardq'), files);
      assert.equal((await driver('hardq').list('')).length, objects);
      // What fits is stored.
      const fits = await sendFile(t, token, '/hardq/files', textFile(100 * KIB));
      assert.equal(fits.status, 200, fits.text);
      await admin.ok('DELETE', `/files/${fits.body.data.id}`);
    });

    it('refuses a replacement whose new bytes would pass the quota, keeping the old ones', async () => {
      await quotaWithHeadroom('hardq', 'HARD', 100 * KIB);
      const original = await admin.ok('GET', `/files/${imageId}?fields=filename_disk,filesize`);
      const res = await sendFile(t, token, `/hardq/files/${imageId}`, textFile(300 * KIB), 'PATCH');
      assert.deepEqual(refusal(res), { status: 413, code: 'LIMIT_EXCEEDED' });
      const after = await admin.ok('GET', `/files/${imageId}?fields=filename_disk,filesize`);
      assert.deepEqual(after.body.data, original.body.data);
      assert.equal((await admin.call('GET', `/assets/${imageId}`)).status, 200);
    });

    it('serves a transform without storing it when the variant does not fit', async () => {
      // Below what is stored: the quota's reading of the database may be a few seconds old.
      await quotaWithHeadroom('hardq', 'HARD', -64 * KIB);
      const res = await t.request('GET', `/hardq/assets/${imageId}?width=16&format=png`, { token });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers['content-type'], 'image/png');
      assert.deepEqual(await variants('hardq'), []);
      assert.equal((await driver('hardq').list('')).filter((name) => name.includes('__')).length, 0);
    });

    it('once full refuses item creates, updates and uploads, but deletes still free room', async () => {
      await setQuota('hardq', { type: 'HARD', size: 1 });
      assert.deepEqual(refusal(await admin.call('POST', '/items/notes', { body: 'more' })), {
        status: 413,
        code: 'LIMIT_EXCEEDED',
      });
      assert.deepEqual(refusal(await admin.call('PATCH', '/items/notes/1', { body: 'changed' })), {
        status: 413,
        code: 'LIMIT_EXCEEDED',
      });
      assert.deepEqual(refusal(await admin.call('PATCH', '/users/me', { first_name: 'Full' })), {
        status: 413,
        code: 'LIMIT_EXCEEDED',
      });
      assert.deepEqual(refusal(await sendFile(t, token, '/hardq/files', textFile(10))), {
        status: 413,
        code: 'LIMIT_EXCEEDED',
      });
      assert.deepEqual((await admin.ok('GET', '/items/notes?fields=body')).body.data, [{ body: 'first' }]);
      await admin.ok('DELETE', '/items/notes/1');
      assert.deepEqual((await admin.ok('GET', '/items/notes')).body.data, []);
      // Reading and signing in still work: a full project can be cleaned up.
      assert.equal((await admin.call('GET', `/assets/${imageId}`)).status, 200);
      await setQuota('hardq', { type: 'NONE' });
      await admin.ok('POST', '/items/notes', { body: 'after' });
      await assertCountersMatchRows('hardq');
    });
  });

  describe('FIFO', () => {
    let token: string;
    let imageId: string;
    const variant = (width: number): Promise<TestResponse> =>
      t.request('GET', `/fifoq/assets/${imageId}?width=${width}&format=png`, { token });

    before(async () => {
      token = await projectWithAdmin(t, 'fifoq');
      imageId = await uploadImage('fifoq', token, await noisyImage(400, 400));
    });

    it('records each stored variant and counts its bytes', async () => {
      for (const width of [300, 200, 100]) assert.equal((await variant(width)).status, 200);
      const rows = await variants('fifoq');
      assert.equal(rows.length, 3);
      const objects = await driver('fifoq').list('');
      for (const row of rows) assert.ok(objects.includes(row.name), row.name);
      assert.equal(
        (await totals('fifoq')).variants,
        rows.reduce((sum, row) => sum + Number(row.size), 0),
      );
      await t.app.get(ProjectStatsRefresher).measure('fifoq');
      const listed = (await t.admin('GET', '/server/projects/fifoq')).body.data;
      assert.equal(listed.variant_count, 3);
      await assertCountersMatchRows('fifoq');
    });

    it('evicts the oldest variants to make room for an upload, never an original', async () => {
      const [oldest, second, third] = await variants('fifoq');
      const headroom = 100 * KIB;
      await quotaWithHeadroom('fifoq', 'FIFO', headroom);
      // Needs about half the oldest variant's bytes beyond the headroom: the oldest one goes, no other.
      const res = await sendFile(
        t,
        token,
        '/fifoq/files',
        textFile(headroom + Math.round(Number(oldest.size) / 2)),
      );
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(
        (await variants('fifoq')).map((row) => row.name),
        [second.name, third.name],
      );
      assert.equal(await driver('fifoq').stat(oldest.name), null);
      assert.equal((await t.request('GET', `/fifoq/assets/${imageId}`, { token })).status, 200);
      assert.equal(await fileCount('fifoq'), 2);
    });

    it('makes room for a new variant by evicting the oldest one', async () => {
      const [oldest, newest] = await variants('fifoq');
      await quotaWithHeadroom('fifoq', 'FIFO', 20 * KIB);
      // A 150 px variant of noise weighs about 65 KiB: more than the headroom, less than the oldest variant.
      assert.equal((await variant(150)).status, 200);
      const rows = await variants('fifoq');
      assert.deepEqual(
        rows.map((row) => row.name),
        [newest.name, rows[1].name],
      );
      assert.notEqual(rows[1].name, oldest.name);
      assert.equal(await driver('fifoq').stat(oldest.name), null);
      await assertCountersMatchRows('fifoq');
    });

    it('refuses an upload that even evicting every variant would not fit', async () => {
      const before = await totals('fifoq');
      const res = await sendFile(t, token, '/fifoq/files', textFile(before.variants + 400 * KIB));
      assert.deepEqual(refusal(res), { status: 413, code: 'LIMIT_EXCEEDED' });
      assert.equal((await totals('fifoq')).variants, before.variants);
    });
  });
});
