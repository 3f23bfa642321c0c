import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expectData, expectError } from '../permissions/permissions-fixture';
import { TestApp, type TestResponse } from '../support/test-app';
import { projectCaller, userWithRules, type ProjectCaller } from './caller-fixture';
import { type FileRow, projectWithAdmin } from './system-data-fixture';

/** The smallest valid PNG: one transparent pixel. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const TEXT = 'Imported over HTTP.\n';
const UPLOAD_LIMIT = 2048;
const PROJECT = 'imports';

/** A web server to import from: one on 127.0.0.1, a second on 127.0.0.2 that must never be reached. */
class RemoteFiles {
  readonly hits: string[] = [];
  readonly forbiddenHits: string[] = [];
  private readonly servers: Server[] = [];
  port = 0;
  forbiddenPort = 0;

  async start(): Promise<void> {
    const main = createServer((request, response) => {
      this.hits.push(request.url ?? '');
      switch (request.url) {
        case '/docs/hello-world.txt':
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.end(TEXT);
          return;
        case '/pixel':
          response.writeHead(200, {
            'content-type': 'image/png',
            'content-disposition': 'attachment; filename="tiny pixel.png"',
          });
          response.end(PNG);
          return;
        case '/moved':
          response.writeHead(301, { location: '/docs/hello-world.txt' });
          response.end();
          return;
        case '/to-denied':
          response.writeHead(302, {
            location: `http://127.0.0.2:${this.forbiddenPort}/docs/hello-world.txt`,
          });
          response.end();
          return;
        case '/big':
          // No Content-Length: the cap must hold while the bytes stream.
          response.writeHead(200, { 'content-type': 'application/octet-stream' });
          for (let i = 0; i < 4; i++) response.write(Buffer.alloc(UPLOAD_LIMIT, i));
          response.end();
          return;
        case '/never':
          return;
        default:
          response.writeHead(404);
          response.end();
      }
    });
    const forbidden = createServer((request, response) => {
      this.forbiddenHits.push(request.url ?? '');
      response.end('should not be fetched');
    });
    this.port = await this.listen(main, '127.0.0.1');
    this.forbiddenPort = await this.listen(forbidden, '127.0.0.2');
  }

  url(pathname: string): string {
    return `http://127.0.0.1:${this.port}${pathname}`;
  }

  async stop(): Promise<void> {
    for (const server of this.servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  private async listen(server: Server, host: string): Promise<number> {
    this.servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    return (server.address() as AddressInfo).port;
  }
}

function externalFileRefusal(res: TestResponse, what: string): void {
  expectError(res, 503, 'SERVICE_UNAVAILABLE', what);
  assert.equal(res.body.errors[0].extensions.service, 'external-file', what);
}

describe('POST /files/import', () => {
  const remote = new RemoteFiles();
  before(() => remote.start());
  after(() => remote.stop());

  describe('with the test server allowed', () => {
    let t: TestApp;
    let admin: ProjectCaller;
    let storageDir: string;

    const importFile = (body: unknown, query = '') => admin.call('POST', `/files/import${query}`, body);
    const fileCount = async () =>
      (await admin.ok('GET', '/files?fields=id&limit=-1')).body.data.length as number;
    const storedNames = () => (existsSync(storageDir) ? readdirSync(storageDir).sort() : []);

    before(async () => {
      t = await TestApp.start({
        // All of loopback is allowed, but the deny list still wins for 127.0.0.2.
        IMPORT_IP_ALLOW_LIST: '127.0.0.0/8',
        IMPORT_IP_DENY_LIST: '127.0.0.2',
        IMPORT_TIMEOUT_MS: '500',
        FILES_MAX_UPLOAD_SIZE: String(UPLOAD_LIMIT),
      });
      admin = projectCaller(t, PROJECT, await projectWithAdmin(t, PROJECT));
      storageDir = path.join(t.config.storageLocalRoot, PROJECT);
    });
    after(async () => {
      await t?.close();
    });

    it('downloads the URL into a new file row with the metadata given', async () => {
      const folder = (await admin.ok('POST', '/folders', { name: 'Imports' })).body.data.id as string;
      const res = await importFile({
        url: remote.url('/docs/hello-world.txt'),
        data: { title: 'Greeting', description: 'Fetched for a test', folder },
      });
      const row = expectData<FileRow>(res, 'import');
      assert.match(row.id, /^[0-9a-f-]{36}$/);
      assert.equal(row.title, 'Greeting');
      assert.equal(row.description, 'Fetched for a test');
      assert.equal(row.folder, folder);
      assert.equal(row.filename_download, 'hello-world.txt');
      assert.equal(row.filename_disk, `${row.id}.txt`);
      assert.equal(row.type, 'text/plain');
      assert.equal(row.storage, 'local');
      assert.equal(Number(row.filesize), Buffer.byteLength(TEXT));
      assert.ok(row.uploaded_on && !Number.isNaN(Date.parse(row.uploaded_on)));
      const me = (await admin.ok('GET', '/users/me?fields=id')).body.data.id as string;
      assert.equal(row.uploaded_by, me);
      assert.equal(readFileSync(path.join(storageDir, row.filename_disk), 'utf8'), TEXT);
      await admin.ok('DELETE', `/files/${row.id}`);
    });

    it('names the file from Content-Disposition, types it from Content-Type and titles it as uploads do', async () => {
      const res = await importFile(
        { url: remote.url('/pixel') },
        '?fields=id,title,type,filename_download,filename_disk',
      );
      const row = expectData<FileRow>(res, 'import a png');
      assert.deepEqual(Object.keys(row).sort(), [
        'filename_disk',
        'filename_download',
        'id',
        'title',
        'type',
      ]);
      assert.equal(row.filename_download, 'tiny pixel.png');
      assert.equal(row.title, 'Tiny Pixel');
      assert.equal(row.type, 'image/png');
      assert.deepEqual(readFileSync(path.join(storageDir, row.filename_disk)), PNG);
      await admin.ok('DELETE', `/files/${row.id}`);
    });

    it('follows a redirect to an allowed address', async () => {
      const row = expectData<FileRow>(await importFile({ url: remote.url('/moved') }), 'redirected import');
      assert.equal(row.filename_download, 'hello-world.txt');
      assert.equal(row.title, 'Hello World');
      await admin.ok('DELETE', `/files/${row.id}`);
    });

    describe('failures leave no row and no bytes', () => {
      let filesBefore: number;
      let namesBefore: string[];
      before(async () => {
        filesBefore = await fileCount();
        namesBefore = storedNames();
      });
      const assertNothingStored = async (what: string) => {
        assert.equal(await fileCount(), filesBefore, `${what}: no row`);
        assert.deepEqual(storedNames(), namesBefore, `${what}: no bytes`);
      };

      it('refuses a redirect to a denied address without connecting to it', async () => {
        externalFileRefusal(await importFile({ url: remote.url('/to-denied') }), 'redirect to 127.0.0.2');
        assert.deepEqual(remote.forbiddenHits, []);
        await assertNothingStored('denied redirect');
      });

      it('answers 413 as an upload does when the download is over the upload limit', async () => {
        expectError(await importFile({ url: remote.url('/big') }), 413, 'CONTENT_TOO_LARGE', 'too large');
        await assertNothingStored('too large');
      });

      it("refuses an import with 413 LIMIT_EXCEEDED, without fetching, once the project's quota is used up", async () => {
        const hits = remote.hits.length;
        await t.admin('PATCH', `/server/projects/${PROJECT}`, { body: { quota: { type: 'HARD', size: 1 } } });
        try {
          expectError(await importFile({ url: remote.url('/pixel') }), 413, 'LIMIT_EXCEEDED', 'over quota');
        } finally {
          await t.admin('PATCH', `/server/projects/${PROJECT}`, { body: { quota: { type: 'NONE' } } });
        }
        assert.equal(remote.hits.length, hits, 'the remote was not asked');
        await assertNothingStored('over quota');
      });

      it('times out a server that never answers', async () => {
        const started = Date.now();
        externalFileRefusal(await importFile({ url: remote.url('/never') }), 'timeout');
        assert.ok(Date.now() - started < 5000, 'IMPORT_TIMEOUT_MS bounds the wait');
        await assertNothingStored('timeout');
      });

      it('answers 503 when the remote answers an error status', async () => {
        externalFileRefusal(await importFile({ url: remote.url('/missing') }), '404 upstream');
        await assertNothingStored('404 upstream');
      });

      const badBodies: Array<[string, unknown]> = [
        ['an ftp URL', { url: 'ftp://127.0.0.1/file.txt' }],
        ['a file URL', { url: 'file:///etc/passwd' }],
        ['a URL that does not parse', { url: 'not a url' }],
        ['a url that is not a string', { url: 42 }],
        ['no url', { data: { title: 'x' } }],
        ['data that is not an object', { url: remote.url('/pixel'), data: 'title' }],
        ['an unknown key', { url: remote.url('/pixel'), extra: true }],
        ['a body that is not an object', ['http://127.0.0.1/']],
      ];
      for (const [what, body] of badBodies) {
        it(`answers 400 INVALID_PAYLOAD for ${what}`, async () => {
          const hitsBefore = remote.hits.length;
          expectError(await importFile(body), 400, 'INVALID_PAYLOAD', what);
          assert.equal(remote.hits.length, hitsBefore, 'nothing was fetched');
          await assertNothingStored(what);
        });
      }

      it('removes the downloaded bytes when the row is refused', async () => {
        const res = await importFile({
          url: remote.url('/pixel'),
          data: { folder: '00000000-0000-4000-8000-000000000000' },
        });
        assert.ok(res.status >= 400 && res.status < 500, res.text);
        await assertNothingStored('refused row');
      });

      it('does not let data write what the server manages', async () => {
        const res = await importFile({
          url: remote.url('/pixel'),
          data: { filesize: 1, filename_disk: '../outside.png', storage: 's3' },
        });
        const row = expectData<FileRow>(res, 'server-managed fields in data');
        assert.equal(Number(row.filesize), PNG.length);
        assert.equal(row.filename_disk, `${row.id}.png`);
        assert.equal(row.storage, 'local');
        await admin.ok('DELETE', `/files/${row.id}`);
        await assertNothingStored('server-managed fields, deleted again');
      });

      it('needs create permission on directus_files, checked before fetching', async () => {
        const reader = await userWithRules(t, PROJECT, admin, `reader@${PROJECT}.test`, [
          { collection: 'directus_files', action: 'read', fields: ['*'] },
        ]);
        const hitsBefore = remote.hits.length;
        const res = await reader.caller.call('POST', '/files/import', { url: remote.url('/pixel') });
        expectError(res, 403, 'FORBIDDEN', 'reader imports');
        assert.equal(remote.hits.length, hitsBefore, 'nothing was fetched');
        await assertNothingStored('forbidden');
      });
    });
  });

  describe('with the built-in refusals only', () => {
    let t: TestApp;
    let admin: ProjectCaller;

    before(async () => {
      t = await TestApp.start({ IMPORT_TIMEOUT_MS: '2000' });
      admin = projectCaller(t, PROJECT, await projectWithAdmin(t, PROJECT));
    });
    after(async () => {
      await t?.close();
    });

    const fileCount = async () =>
      Number((await admin.ok('GET', '/files?aggregate[count]=*')).body.data[0].count);
    const storageDir = () => path.join(t.config.storageLocalRoot, PROJECT);

    const refused: Array<[string, () => string]> = [
      ['loopback', () => remote.url('/pixel')],
      ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
      ['IPv6 loopback', () => `http://[::1]:${remote.port}/pixel`],
      ['IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${remote.port}/pixel`],
      ['decimal loopback', () => `http://2130706433:${remote.port}/pixel`],
      ['hex loopback', () => `http://0x7f000001:${remote.port}/pixel`],
      ['a private address', () => 'http://10.0.0.1/file'],
      ['a link-local IPv6 address', () => 'http://[fe80::1]/file'],
      ['CGNAT', () => 'http://100.64.0.1/file'],
      ['unspecified', () => `http://0.0.0.0:${remote.port}/pixel`],
      ['localhost by name', () => `http://localhost:${remote.port}/pixel`],
    ];
    for (const [what, url] of refused) {
      it(`refuses ${what} without fetching or storing anything`, async () => {
        const hitsBefore = remote.hits.length;
        externalFileRefusal(await admin.call('POST', '/files/import', { url: url() }), what);
        assert.equal(remote.hits.length, hitsBefore, 'the test server was never reached');
        assert.equal(await fileCount(), 0);
        assert.deepEqual(existsSync(storageDir()) ? readdirSync(storageDir()) : [], []);
      });
    }
  });
});
