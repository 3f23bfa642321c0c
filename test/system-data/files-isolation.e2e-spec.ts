import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ASSETS_QUEUE, JOB_QUEUE, type JobQueueDriver } from '@atrium/jobs';
import { AssetJobsProcessor } from '@atrium/system-data';
import { ProjectRegistry, projectInstanceId } from '@atrium/tenancy';
import { solidImage } from '../../libs/media/src/testing/images';
import { sharp } from '../../libs/media/src/sharp';
import { deleteKeys, waitFor } from '../jobs/support/redis-test-context';
import { TestApp, type RequestOptions } from '../support/test-app';
import { SKIP_WITHOUT_REDIS, TEST_REDIS_URL } from '../support/test-env';
import { projectCaller, refusal, userWithRules } from './caller-fixture';
import { BOUNDARY, fileBody } from './multipart-fixture';
import { projectWithAdmin, tenantRows } from './system-data-fixture';

/**
 * Tenant isolation of files and assets through every route (DESIGN §6): nothing project B holds — its
 * admin's static token or JWT, a user's static token — reaches a file of project A, neither through B's URL
 * with A's file id nor through A's URL with B's credentials; cached variants and queued jobs stay per
 * project instance; a project deleted and provisioned again under the same key starts with no files.
 */

const A = 'alpha';
const B = 'beta';
const REBORN = 'reborn';

interface FileState {
  row: Record<string, unknown>;
  /** Every object of the file in storage (original and variants) and its bytes. */
  objects: Record<string, string>;
}

/** One request a caller of project B makes about A's file `id`. */
interface Attempt {
  name: string;
  method: string;
  path: (id: string) => string;
  options?: (id: string) => RequestOptions;
}

const multipart = (content: Buffer): RequestOptions => ({
  rawBody: fileBody('replaced.png', 'image/png', content),
  headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
});
const byId = (id: string) => ({ filter: { id: { _eq: id } } });

const ATTEMPTS: Attempt[] = [
  { name: 'read the row', method: 'GET', path: (id) => `/files/${id}` },
  {
    name: 'find the row by filter',
    method: 'GET',
    path: (id) => `/files?filter[id][_eq]=${id}`,
  },
  {
    name: 'SEARCH for the row',
    method: 'SEARCH',
    path: () => '/files',
    options: (id) => ({ body: { query: byId(id) } }),
  },
  { name: 'read the asset', method: 'GET', path: (id) => `/assets/${id}` },
  { name: 'HEAD the asset', method: 'HEAD', path: (id) => `/assets/${id}` },
  { name: 'read the asset by file name', method: 'GET', path: (id) => `/assets/${id}/secret.png` },
  { name: 'download the asset', method: 'GET', path: (id) => `/assets/${id}?download` },
  { name: 'transform by width', method: 'GET', path: (id) => `/assets/${id}?width=20` },
  { name: 'transform by preset', method: 'GET', path: (id) => `/assets/${id}?key=system-small-cover` },
  {
    name: 'replace the bytes (multipart PATCH)',
    method: 'PATCH',
    path: (id) => `/files/${id}`,
    options: () => multipart(Buffer.from('replaced by beta')),
  },
  {
    name: 'update the metadata',
    method: 'PATCH',
    path: (id) => `/files/${id}`,
    options: () => ({ body: { title: 'taken by beta' } }),
  },
  {
    name: 'update the metadata by keys',
    method: 'PATCH',
    path: () => '/files',
    options: (id) => ({ body: { keys: [id], data: { title: 'taken by beta' } } }),
  },
  {
    name: 'update the metadata by query',
    method: 'PATCH',
    path: () => '/files',
    options: (id) => ({ body: { query: byId(id), data: { title: 'taken by beta' } } }),
  },
  { name: 'delete it', method: 'DELETE', path: (id) => `/files/${id}` },
  {
    name: 'delete it by keys',
    method: 'DELETE',
    path: () => '/files',
    options: (id) => ({ body: [id] }),
  },
  {
    name: 'delete it by query',
    method: 'DELETE',
    path: () => '/files',
    options: (id) => ({ body: { query: byId(id) } }),
  },
];

describe('files and assets stay in their project', () => {
  const prefix = `atrium-test-${randomUUID().slice(0, 8)}`;
  let t: TestApp;
  let aToken: string;
  let aFile: string;
  let aText: string;
  /** B's credentials: its admin's static token and JWT, and a user's static token with every file right. */
  let bCredentials: Array<[string, string]>;
  let bAdmin: string;
  let bFile: string;
  let picture: Buffer;
  /** The stored object of A's `?width=20` variant. */
  let aVariant: string;

  async function upload(project: string, token: string, filename: string, content: Buffer): Promise<string> {
    const res = await t.request('POST', `/${project}/files`, {
      token,
      rawBody: fileBody(filename, filename.endsWith('.png') ? 'image/png' : 'text/plain', content),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    assert.equal(res.status, 200, res.text);
    return res.body.data.id as string;
  }

  const projectDir = (project: string) => path.join(t.config.storageLocalRoot, project);

  /** The file's row and every stored object of it, to compare before and after. */
  async function stateOf(project: string, id: string): Promise<FileState> {
    const [row] = await tenantRows(t, project, 'SELECT * FROM directus_files WHERE id = $1', [id]);
    assert.ok(row, `${id} is still in ${project}`);
    const stem = String(row.filename_disk).replace(/\.[^.]*$/, '');
    const names = readdirSync(projectDir(project)).filter((name) => name.startsWith(stem));
    const objects = Object.fromEntries(
      names.map((name) => [name, readFileSync(path.join(projectDir(project), name)).toString('base64')]),
    );
    return { row, objects };
  }

  before(async () => {
    // With Redis, jobs queue under a private prefix and nobody consumes them: the job test runs them itself.
    t = await TestApp.start(SKIP_WITHOUT_REDIS ? {} : { JOBS_PREFIX: prefix });
    aToken = await projectWithAdmin(t, A);
    bAdmin = await projectWithAdmin(t, B);
    const bCaller = projectCaller(t, B, bAdmin);
    const bUser = await userWithRules(
      t,
      B,
      bCaller,
      'editor@beta.test',
      ['create', 'read', 'update', 'delete'].map((action) => ({
        collection: 'directus_files',
        action,
        fields: ['*'],
      })),
    );
    const login = await t.request('POST', `/${B}/auth/login`, {
      body: { email: `admin@${B}.test`, password: 'password-123' },
    });
    assert.equal(login.status, 200, login.text);
    bCredentials = [
      ['admin static token', bAdmin],
      ['admin JWT', login.body.data.access_token as string],
      ['user static token', bUser.token],
    ];
    picture = await solidImage(120, 90, 'png');
    aFile = await upload(A, aToken, 'secret.png', picture);
    aText = await upload(A, aToken, 'secret.txt', Buffer.from('alpha only'));
    // Identical bytes in B: nothing about A's copy (row, cache, variants) may serve B's.
    bFile = await upload(B, bAdmin, 'secret.png', picture);
    // Without Redis the uploads' jobs run in this process: let them finish, so files only change when told.
    if (SKIP_WITHOUT_REDIS) {
      const queue = t.app.get<JobQueueDriver>(JOB_QUEUE);
      await waitFor(async () => {
        const counts = await queue.counts(ASSETS_QUEUE);
        return counts.waiting + counts.active + counts.delayed === 0;
      });
    }
    // A variant of A's file exists before B tries, so a leak through the cache would show.
    const stored = readdirSync(projectDir(A));
    const variant = await t.request('GET', `/${A}/assets/${aFile}?width=20`, { token: aToken });
    assert.equal(variant.status, 200, variant.text);
    [aVariant] = readdirSync(projectDir(A)).filter((name) => !stored.includes(name));
    assert.ok(aVariant, 'A has its ?width=20 variant');
  });

  after(async () => {
    await t?.close();
    if (!SKIP_WITHOUT_REDIS) await deleteKeys(prefix, TEST_REDIS_URL as string);
  });

  it("no route on B's URL reaches A's file by its id: it answers as for an id nobody has", async () => {
    const before = [await stateOf(A, aFile), await stateOf(A, aText)];
    const nobodys = randomUUID();
    const send = (attempt: Attempt, token: string, id: string) =>
      t.request(attempt.method, `/${B}${attempt.path(id)}`, { token, ...attempt.options?.(id) });
    for (const [who, token] of bCredentials) {
      for (const attempt of ATTEMPTS) {
        const unknown = await send(attempt, token, nobodys);
        // Nothing to act on: refused, or (admins, and by query) done with nothing done, as Directus answers.
        if (unknown.status === 200) assert.deepEqual(unknown.body.data, [], `${who}: ${attempt.name}`);
        else if (unknown.status !== 204)
          assert.deepEqual(refusal(unknown), { status: 403, code: 'FORBIDDEN' });
        for (const id of [aFile, aText]) {
          const what = `${who}: ${attempt.name} of ${id === aFile ? 'an image' : 'a text file'}`;
          const res = await send(attempt, token, id);
          assert.deepEqual([res.status, res.text], [unknown.status, unknown.text], what);
        }
      }
    }
    assert.deepEqual([await stateOf(A, aFile), await stateOf(A, aText)], before);
    // B's own file, which the filters above did not match, is untouched too.
    assert.equal((await t.request('GET', `/${B}/files/${bFile}`, { token: bAdmin })).status, 200);
  });

  it("no route on A's URL accepts B's credentials", async () => {
    const before = await stateOf(A, aFile);
    for (const [who, token] of bCredentials) {
      for (const attempt of ATTEMPTS) {
        const options = { token, ...attempt.options?.(aFile) };
        const res = await t.request(attempt.method, `/${A}${attempt.path(aFile)}`, options);
        const expected =
          who === 'admin JWT'
            ? { status: 403, code: 'INVALID_TOKEN' }
            : { status: 401, code: 'INVALID_CREDENTIALS' };
        assert.deepEqual(refusal(res), expected, `${who}: ${attempt.name}: ${res.text}`);
      }
      // The token a browser puts in an <img src>.
      const viaQuery = await t.request('GET', `/${A}/assets/${aFile}?access_token=${token}`);
      assert.ok([401, 403].includes(viaQuery.status), `${who} as access_token: ${viaQuery.status}`);
    }
    assert.deepEqual(await stateOf(A, aFile), before);
    const own = await t.request('GET', `/${A}/assets/${aFile}`, { token: aToken });
    assert.deepEqual(own.bytes, picture, 'A still reads its file');
  });

  it("a variant cached for A is never served for B's identical file and transform", async () => {
    // Mark A's cached variant, so serving it anywhere else would be seen.
    const marker = await solidImage(20, 15, 'jpeg');
    writeFileSync(path.join(projectDir(A), aVariant), marker);
    const bStored = readdirSync(projectDir(B));
    const [forA, forB] = await Promise.all([
      t.request('GET', `/${A}/assets/${aFile}?width=20`, { token: aToken }),
      t.request('GET', `/${B}/assets/${bFile}?width=20`, { token: bAdmin }),
    ]);
    assert.deepEqual(forA.bytes, marker, 'A is served its own cached object');
    assert.equal(forB.status, 200, forB.text);
    assert.notDeepEqual(forB.bytes, marker);
    const made = await sharp(forB.bytes).metadata();
    assert.deepEqual([made.format, made.width, made.height], ['png', 20, 15]);
    const madeForB = readdirSync(projectDir(B)).filter((name) => !bStored.includes(name));
    assert.equal(madeForB.length, 1, 'B made and stored its own variant');
    assert.deepEqual(readFileSync(path.join(projectDir(B), madeForB[0])), forB.bytes);
  });

  it(
    "a job naming B with A's instance, or A with B's file, changes nothing",
    { skip: SKIP_WITHOUT_REDIS },
    async () => {
      const processor = t.app.get(AssetJobsProcessor);
      const registry = t.app.get(ProjectRegistry);
      const instanceOf = async (key: string) => projectInstanceId((await registry.findFresh(key))!);
      const bBefore = await stateOf(B, bFile);
      const job = { id: 'isolation', attempt: 1 };
      for (const variant of ['metadata', 'system-small-cover']) {
        await processor.process({ project: B, instance: await instanceOf(A), fileId: bFile, variant }, job);
        await processor.process({ project: A, instance: await instanceOf(A), fileId: bFile, variant }, job);
      }
      assert.deepEqual(await stateOf(B, bFile), bBefore, "B's file has no width and no new variant");
      // The same job with B's own instance does run: the check, not a broken processor, kept it out.
      await processor.process(
        { project: B, instance: await instanceOf(B), fileId: bFile, variant: 'metadata' },
        job,
      );
      assert.equal((await stateOf(B, bFile)).row.width, 120);
    },
  );

  it('a project deleted and created again under its key sees none of its old files or variants', async () => {
    const oldToken = await projectWithAdmin(t, REBORN);
    const oldId = await upload(REBORN, oldToken, 'old.png', picture);
    for (const query of ['width=30', 'key=system-small-cover']) {
      const res = await t.request('GET', `/${REBORN}/assets/${oldId}?${query}`, { token: oldToken });
      assert.equal(res.status, 200, res.text);
    }
    assert.ok(readdirSync(projectDir(REBORN)).some((name) => name.startsWith(oldId)));
    assert.equal((await t.admin('DELETE', `/server/projects/${REBORN}`)).status, 204);

    const token = await projectWithAdmin(t, REBORN);
    const list = await t.request('GET', `/${REBORN}/files`, { token });
    assert.deepEqual(list.body.data, []);
    for (const url of [
      `/files/${oldId}`,
      `/assets/${oldId}`,
      `/assets/${oldId}?width=30`,
      `/assets/${oldId}?key=system-small-cover`,
    ]) {
      assert.deepEqual(refusal(await t.request('GET', `/${REBORN}${url}`, { token })), {
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    const left = existsSync(projectDir(REBORN)) ? readdirSync(projectDir(REBORN)) : [];
    assert.deepEqual(left, [], 'no old object is left in its storage');
  });
});
