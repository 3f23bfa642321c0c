import assert from 'node:assert/strict';
import * as http from 'node:http';
import { sharp } from '../../libs/media/src/sharp';
import { solidImage } from '../../libs/media/src/testing/images';
import type { AddressInfo } from 'node:net';
import {
  assertNoContent,
  configureSdkServer,
  createNotes,
  describeSdk,
  rejectsWith,
  unique,
  UUID,
  type SdkCase,
  type SdkContext,
} from './sdk-harness';

/**
 * Files (multipart uploads from a FormData, metadata updates, deletes), folders, activity, revisions, comments,
 * settings, presets, the project's server endpoints and the utils the server has (`/utils/revert`, which the
 * SDK has no command for: it is reached through the SDK's `customEndpoint`).
 */

// `importFile` fetches from a server of the test on loopback, which imports refuse unless allowed.
configureSdkServer({ env: { IMPORT_IP_ALLOW_LIST: '127.0.0.1' } });

const IMPORTED = Buffer.from('bytes served to be imported');

/** Runs `use` with the URL of a local HTTP server answering every path with IMPORTED. */
async function withImportSource(use: (origin: string) => Promise<void>): Promise<void> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    response.end(IMPORTED);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.close();
  }
}

async function seed(ctx: SdkContext): Promise<void> {
  await createNotes(ctx);
}

/** A FormData as a browser builds it: metadata parts first, then the file. */
function form(
  files: Array<{ name: string; type?: string } & ({ text: string } | { bytes: Buffer })>,
  meta: Record<string, string> = {},
): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(meta)) data.append(key, value);
  for (const file of files)
    data.append(
      'file',
      new Blob(['text' in file ? file.text : file.bytes], { type: file.type ?? 'text/plain' }),
      file.name,
    );
  return data;
}

async function uploaded(ctx: SdkContext, name = `${unique('file')}.txt`): Promise<string> {
  const created = await ctx.client.request(
    ctx.sdk.uploadFiles(form([{ name, text: 'some bytes' }]), { fields: ['id'] }),
  );
  return String((created as { id: string }).id);
}

async function folder(ctx: SdkContext, extra: Record<string, unknown> = {}): Promise<string> {
  return (await ctx.ok('POST', '/folders', { name: unique('folder'), ...extra })).body.data.id;
}

async function note(ctx: SdkContext, title: string): Promise<number> {
  return (await ctx.ok('POST', '/items/notes?fields=id', { title })).body.data.id;
}

async function comment(ctx: SdkContext, item: number, text: string): Promise<string> {
  return String(
    (await ctx.ok('POST', '/comments', { collection: 'notes', item: String(item), comment: text })).body.data
      .id,
  );
}

async function preset(ctx: SdkContext, extra: Record<string, unknown> = {}): Promise<number> {
  return (await ctx.ok('POST', '/presets', { collection: 'notes', layout: 'tabular', ...extra })).body.data
    .id;
}

const cases: SdkCase[] = [
  // ------------------------------------------------------------------------------------------------ files
  {
    name: 'uploadFiles: one file from a FormData (metadata parts first); answers the file row',
    async run(ctx) {
      const parent = await folder(ctx);
      const created = await ctx.client.request(
        ctx.sdk.uploadFiles(
          form([{ name: 'hello.txt', text: 'hello world' }], { title: 'Greeting', folder: parent }),
          {
            fields: [
              'id',
              'title',
              'filename_download',
              'type',
              'filesize',
              'folder',
              'uploaded_by',
              'storage',
            ],
          },
        ),
      );
      const file = created as Record<string, unknown>;
      assert.match(String(file.id), UUID);
      assert.equal(file.title, 'Greeting');
      assert.equal(file.filename_download, 'hello.txt');
      assert.equal(file.type, 'text/plain');
      assert.equal(Number(file.filesize), 11);
      assert.equal(file.folder, parent);
      assert.equal(file.uploaded_by, ctx.adminId);
      assert.equal(file.storage, 'local');
    },
  },
  {
    name: 'uploadFiles: several files in one request answer a list',
    async run(ctx) {
      const created = await ctx.client.request(
        ctx.sdk.uploadFiles(
          form([
            { name: 'a.txt', text: 'a' },
            { name: 'b.csv', text: 'x,y\n1,2\n', type: 'text/csv' },
          ]),
          { fields: ['filename_download', 'type'] },
        ),
      );
      assert.deepEqual(created, [
        { filename_download: 'a.txt', type: 'text/plain' },
        { filename_download: 'b.csv', type: 'text/csv' },
      ]);
    },
  },
  {
    name: 'readAssetArrayBuffer / readAssetBlob / readAssetRaw: the stored bytes of an upload, and a transformed variant',
    async run(ctx) {
      const created = await ctx.client.request(
        // Not text: the SDK turns a text/plain or text/html answer into a string before these commands see it.
        ctx.sdk.uploadFiles(
          form([{ name: 'asset.bin', text: 'asset bytes', type: 'application/octet-stream' }]),
          {
            fields: ['id'],
          },
        ),
      );
      const id = String((created as { id: string }).id);
      const buffer = await ctx.client.request(ctx.sdk.readAssetArrayBuffer(id));
      assert.equal(Buffer.from(buffer).toString(), 'asset bytes');
      const blob = await ctx.client.request(ctx.sdk.readAssetBlob(id));
      assert.equal(await blob.text(), 'asset bytes');
      const stream = await ctx.client.request(ctx.sdk.readAssetRaw(id));
      const chunks: Uint8Array[] = [];
      for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
      assert.equal(Buffer.concat(chunks).toString(), 'asset bytes');
      const image = await ctx.client.request(
        ctx.sdk.uploadFiles(
          form([{ name: 'tile.png', bytes: await solidImage(40, 20), type: 'image/png' }]),
          {
            fields: ['id'],
          },
        ),
      );
      const thumbnail = await ctx.client.request(
        ctx.sdk.readAssetArrayBuffer(String((image as { id: string }).id), { width: 10, format: 'webp' }),
      );
      const facts = await sharp(Buffer.from(thumbnail)).metadata();
      assert.deepEqual([facts.format, facts.width, facts.height], ['webp', 10, 5]);
      await rejectsWith(
        ctx.client.request(ctx.sdk.readAssetArrayBuffer('00000000-0000-4000-8000-000000000000')),
        403,
        'FORBIDDEN',
      );
    },
  },
  {
    name: 'importFile: the server downloads a URL into a file row whose bytes read back',
    run: (ctx) =>
      withImportSource(async (origin) => {
        const imported = (await ctx.client.request(
          ctx.sdk.importFile(
            `${origin}/reports/q3.bin`,
            { title: 'Quarterly' },
            {
              fields: ['id', 'title', 'filename_download', 'filesize'],
            },
          ),
        )) as Record<string, unknown>;
        assert.equal(imported.title, 'Quarterly');
        assert.equal(imported.filename_download, 'q3.bin');
        assert.equal(Number(imported.filesize), IMPORTED.length);
        const bytes = await ctx.client.request(ctx.sdk.readAssetArrayBuffer(String(imported.id)));
        assert.deepEqual(Buffer.from(bytes), IMPORTED);
      }),
  },
  {
    name: 'readFiles (filter, fields) / readFile',
    async run(ctx) {
      const name = `${unique('listed')}.txt`;
      const id = await uploaded(ctx, name);
      const listed = await ctx.client.request(
        ctx.sdk.readFiles({
          fields: ['id', 'filename_download'],
          filter: { filename_download: { _eq: name } },
        }),
      );
      assert.deepEqual(listed, [{ id, filename_download: name }]);
      const one = await ctx.client.request(ctx.sdk.readFile(id, { fields: ['id', 'type', 'filename_disk'] }));
      assert.equal(one.id, id);
      assert.equal(one.type, 'text/plain');
      assert.match(String(one.filename_disk), new RegExp(`^${id}`));
      await rejectsWith(
        ctx.client.request(ctx.sdk.readFile('00000000-0000-4000-8000-000000000000')),
        403,
        'FORBIDDEN',
      );
    },
  },
  {
    name: 'updateFile (JSON metadata) / updateFiles (keys) / updateFilesBatch',
    async run(ctx) {
      const a = await uploaded(ctx);
      const b = await uploaded(ctx);
      const one = await ctx.client.request(
        ctx.sdk.updateFile(a, { title: 'Renamed', tags: ['x', 'y'] }, { fields: ['id', 'title', 'tags'] }),
      );
      assert.deepEqual(one, { id: a, title: 'Renamed', tags: ['x', 'y'] });
      const many = await ctx.client.request(
        ctx.sdk.updateFiles([a, b], { description: 'both' }, { fields: ['id', 'description'] }),
      );
      assert.deepEqual(
        many.map((file) => file.description),
        ['both', 'both'],
      );
      const batch = await ctx.client.request(
        ctx.sdk.updateFilesBatch(
          [
            { id: a, location: 'here' },
            { id: b, location: 'there' },
          ],
          { fields: ['id', 'location'] },
        ),
      );
      assert.deepEqual(Object.fromEntries(batch.map((file) => [file.id, file.location])), {
        [a]: 'here',
        [b]: 'there',
      });
    },
  },
  {
    name: 'updateFile with a FormData: replaces the stored bytes (multipart PATCH /files/:id)',
    async run(ctx) {
      const id = await uploaded(ctx);
      const replaced = await ctx.client.request(
        ctx.sdk.updateFile(
          id,
          form([{ name: 'bigger.txt', text: 'a much longer content', type: 'text/markdown' }]),
          {
            fields: ['id', 'filesize', 'type'],
          },
        ),
      );
      assert.equal(replaced.id, id);
      assert.equal(Number(replaced.filesize), 21);
      assert.equal(replaced.type, 'text/markdown');
    },
  },
  {
    name: 'deleteFile / deleteFiles (bodiless DELETE, JSON content type)',
    async run(ctx) {
      const [a, b, c] = [await uploaded(ctx), await uploaded(ctx), await uploaded(ctx)];
      assertNoContent(await ctx.client.request(ctx.sdk.deleteFile(a)), ctx.recorder);
      await ctx.client.request(ctx.sdk.deleteFiles([b, c]));
      for (const id of [a, b, c]) assert.equal((await ctx.raw('GET', `/files/${id}`)).status, 403);
    },
  },
  // ---------------------------------------------------------------------------------------------- folders
  {
    name: 'createFolder / createFolders / readFolders / readFolder',
    async run(ctx) {
      const name = unique('root');
      const root = await ctx.client.request(
        ctx.sdk.createFolder({ name }, { fields: ['id', 'name', 'parent'] }),
      );
      assert.match(String(root.id), UUID);
      assert.deepEqual({ ...root, id: 'x' }, { id: 'x', name, parent: null });
      const children = await ctx.client.request(
        ctx.sdk.createFolders(
          [
            { name: 'b-child', parent: String(root.id) },
            { name: 'a-child', parent: String(root.id) },
          ],
          { fields: ['name'] },
        ),
      );
      assert.equal(children.length, 2);
      const listed = await ctx.client.request(
        ctx.sdk.readFolders({
          fields: ['name'],
          filter: { parent: { _eq: String(root.id) } },
          sort: ['name'],
        }),
      );
      assert.deepEqual(listed, [{ name: 'a-child' }, { name: 'b-child' }]);
      const one = await ctx.loose.request(
        ctx.sdk.readFolder(String(root.id), { fields: ['name', 'parent.name'] }),
      );
      assert.deepEqual(one, { name, parent: null });
    },
  },
  {
    name: 'updateFolder / updateFolders / updateFoldersBatch',
    async run(ctx) {
      const parent = await folder(ctx);
      const a = await folder(ctx);
      const b = await folder(ctx);
      const one = await ctx.client.request(ctx.sdk.updateFolder(a, { parent }, { fields: ['id', 'parent'] }));
      assert.deepEqual(one, { id: a, parent });
      const many = await ctx.client.request(
        ctx.sdk.updateFolders([a, b], { parent }, { fields: ['parent'] }),
      );
      assert.deepEqual(many, [{ parent }, { parent }]);
      const batch = await ctx.client.request(
        ctx.sdk.updateFoldersBatch(
          [
            { id: a, name: 'first' },
            { id: b, name: 'second' },
          ],
          { fields: ['id', 'name'] },
        ),
      );
      assert.deepEqual(Object.fromEntries(batch.map((entry) => [entry.id, entry.name])), {
        [a]: 'first',
        [b]: 'second',
      });
    },
  },
  {
    name: 'deleteFolder / deleteFolders (bodiless DELETE, JSON content type)',
    async run(ctx) {
      const [a, b, c] = [await folder(ctx), await folder(ctx), await folder(ctx)];
      assertNoContent(await ctx.client.request(ctx.sdk.deleteFolder(a)), ctx.recorder);
      await ctx.client.request(ctx.sdk.deleteFolders([b, c]));
      for (const id of [a, b, c]) assert.equal((await ctx.raw('GET', `/folders/${id}`)).status, 403);
    },
  },
  // ---------------------------------------------------------------------------------- activity, revisions
  {
    name: 'readActivities / readActivity: the SDK’s own writes are recorded with the caller',
    async run(ctx) {
      const created = await ctx.client.request(
        ctx.sdk.createItem('notes', { title: 'tracked' }, { fields: ['id'] }),
      );
      const rows = await ctx.client.request(
        ctx.sdk.readActivities({
          fields: ['id', 'action', 'user', 'collection', 'item'],
          filter: { collection: { _eq: 'notes' }, item: { _eq: String(created.id) } },
        }),
      );
      assert.equal(rows.length, 1);
      const [row] = rows;
      assert.deepEqual(
        { ...row, id: 0 },
        {
          id: 0,
          action: 'create',
          user: ctx.adminId,
          collection: 'notes',
          item: String(created.id),
        },
      );
      const one = await ctx.client.request(ctx.sdk.readActivity(row.id, { fields: ['action', 'timestamp'] }));
      assert.equal(one.action, 'create');
      assert.ok(!Number.isNaN(Date.parse(String(one.timestamp))));
    },
  },
  {
    name: 'readRevisions / readRevision: data and delta of an update',
    async run(ctx) {
      const id = await note(ctx, 'first');
      await ctx.client.request(ctx.sdk.updateItem('notes', id, { title: 'second' }));
      const revisions = await ctx.client.request(
        ctx.sdk.readRevisions({
          fields: ['id', 'data', 'delta'],
          filter: { collection: { _eq: 'notes' }, item: { _eq: String(id) } },
          sort: ['id'],
        }),
      );
      assert.equal(revisions.length, 2);
      assert.deepEqual(revisions[1].delta, { title: 'second' });
      assert.equal((revisions[1].data as { title: string }).title, 'second');
      const one = await ctx.client.request(
        ctx.sdk.readRevision(revisions[0].id, { fields: ['collection', 'item', 'data'] }),
      );
      assert.deepEqual(one, { collection: 'notes', item: String(id), data: { id, title: 'first' } });
    },
  },
  {
    name: 'utils revert (POST /utils/revert/:revision, through customEndpoint): restores an earlier revision',
    async run(ctx) {
      const id = await note(ctx, 'original');
      await ctx.ok('PATCH', `/items/notes/${id}`, { title: 'changed' });
      const [first] = (
        await ctx.ok(
          'GET',
          `/revisions?fields=id&sort=id&limit=1&filter[collection][_eq]=notes&filter[item][_eq]=${id}`,
        )
      ).body.data as Array<{ id: number }>;
      const result = await ctx.client.request(
        ctx.sdk.customEndpoint<void>({ path: `/utils/revert/${first.id}`, method: 'POST' }),
      );
      assertNoContent(result, ctx.recorder);
      const read = await ctx.client.request(ctx.sdk.readItem('notes', id, { fields: ['title'] }));
      assert.deepEqual(read, { title: 'original' });
    },
  },
  // ---------------------------------------------------------------------------------------------- comments
  {
    name: 'createComment / createComments / readComments / readComment',
    async run(ctx) {
      const item = await note(ctx, 'commented');
      const created = await ctx.client.request(
        ctx.sdk.createComment(
          { collection: 'notes', item: String(item), comment: 'First!' },
          { fields: ['id', 'collection', 'item', 'comment', 'user_created'] },
        ),
      );
      assert.match(String(created.id), UUID);
      assert.deepEqual(
        { ...created, id: 'x' },
        { id: 'x', collection: 'notes', item: String(item), comment: 'First!', user_created: ctx.adminId },
      );
      await ctx.client.request(
        ctx.sdk.createComments([
          { collection: 'notes', item: String(item), comment: 'Second' },
          { collection: 'notes', item: String(item), comment: 'Third' },
        ]),
      );
      const listed = await ctx.client.request(
        ctx.sdk.readComments({
          fields: ['comment'],
          filter: { item: { _eq: String(item) } },
          sort: ['date_created', 'comment'],
        }),
      );
      assert.deepEqual(listed.map((entry) => entry.comment).sort(), ['First!', 'Second', 'Third']);
      const one = await ctx.client.request(ctx.sdk.readComment(String(created.id), { fields: ['comment'] }));
      assert.deepEqual(one, { comment: 'First!' });
    },
  },
  {
    name: 'updateComment / updateComments (keys)',
    async run(ctx) {
      const item = await note(ctx, 'edited');
      const a = await comment(ctx, item, 'typo');
      const b = await comment(ctx, item, 'other');
      const one = await ctx.client.request(
        ctx.sdk.updateComment(a, { comment: 'fixed' }, { fields: ['id', 'comment', 'user_updated'] }),
      );
      assert.deepEqual(one, { id: a, comment: 'fixed', user_updated: ctx.adminId });
      const many = await ctx.client.request(
        ctx.sdk.updateComments([a, b], { comment: 'same' }, { fields: ['comment'] }),
      );
      assert.deepEqual(many, [{ comment: 'same' }, { comment: 'same' }]);
    },
  },
  {
    name: 'updateCommentsBatch (26 only)',
    versions: ['26'],
    async run(ctx) {
      const item = await note(ctx, 'batch-commented');
      const a = await comment(ctx, item, 'a');
      const b = await comment(ctx, item, 'b');
      const batch = await ctx.client.request(
        ctx.sdk.updateCommentsBatch(
          [
            { id: a, comment: 'A' },
            { id: b, comment: 'B' },
          ],
          { fields: ['id', 'comment'] },
        ),
      );
      assert.deepEqual(Object.fromEntries(batch.map((entry) => [entry.id, entry.comment])), {
        [a]: 'A',
        [b]: 'B',
      });
    },
  },
  {
    name: 'deleteComment / deleteComments (bodiless DELETE, JSON content type)',
    async run(ctx) {
      const item = await note(ctx, 'to-uncomment');
      const [a, b, c] = [
        await comment(ctx, item, '1'),
        await comment(ctx, item, '2'),
        await comment(ctx, item, '3'),
      ];
      assertNoContent(await ctx.client.request(ctx.sdk.deleteComment(a)), ctx.recorder);
      await ctx.client.request(ctx.sdk.deleteComments([b, c]));
      const left = await ctx.ok('GET', `/comments?filter[item][_eq]=${item}`);
      assert.deepEqual(left.body.data, []);
    },
  },
  // ---------------------------------------------------------------------------------------------- settings
  {
    name: 'readSettings / updateSettings: the singleton, as an object',
    async run({ client, sdk }) {
      const updated = await client.request(
        sdk.updateSettings(
          { project_name: 'SDK Project', project_color: '#6644FF' },
          {
            fields: ['project_name', 'project_color'],
          },
        ),
      );
      assert.deepEqual(updated, { project_name: 'SDK Project', project_color: '#6644FF' });
      const read = await client.request(
        sdk.readSettings({ fields: ['project_name', 'auth_login_attempts'] }),
      );
      assert.deepEqual(read, { project_name: 'SDK Project', auth_login_attempts: 25 });
    },
  },
  // ----------------------------------------------------------------------------------------------- presets
  {
    name: 'createPreset / createPresets / readPresets / readPreset',
    async run(ctx) {
      const created = await ctx.client.request(
        ctx.sdk.createPreset(
          {
            bookmark: 'Mine',
            collection: 'notes',
            user: ctx.adminId,
            layout: 'tabular',
            filter: { title: { _nnull: true } },
          },
          { fields: ['id', 'bookmark', 'user', 'filter'] },
        ),
      );
      assert.equal(typeof created.id, 'number');
      assert.deepEqual(
        { ...created, id: 0 },
        { id: 0, bookmark: 'Mine', user: ctx.adminId, filter: { title: { _nnull: true } } },
      );
      await ctx.client.request(
        ctx.sdk.createPresets([
          { bookmark: 'Second', collection: 'notes' },
          { bookmark: 'Third', collection: 'notes' },
        ]),
      );
      const listed = await ctx.client.request(
        ctx.sdk.readPresets({
          fields: ['bookmark'],
          filter: { bookmark: { _nnull: true } },
          sort: ['bookmark'],
        }),
      );
      assert.deepEqual(
        listed.map((entry) => entry.bookmark),
        ['Mine', 'Second', 'Third'],
      );
      const one = await ctx.client.request(ctx.sdk.readPreset(created.id, { fields: ['layout'] }));
      assert.deepEqual(one, { layout: 'tabular' });
    },
  },
  {
    name: 'updatePreset / updatePresets / updatePresetsBatch',
    async run(ctx) {
      const a = await preset(ctx);
      const b = await preset(ctx);
      const one = await ctx.client.request(
        ctx.sdk.updatePreset(a, { search: 'find me' }, { fields: ['id', 'search'] }),
      );
      assert.deepEqual(one, { id: a, search: 'find me' });
      const many = await ctx.client.request(
        ctx.sdk.updatePresets([a, b], { layout: 'cards' }, { fields: ['layout'] }),
      );
      assert.deepEqual(many, [{ layout: 'cards' }, { layout: 'cards' }]);
      const batch = await ctx.client.request(
        ctx.sdk.updatePresetsBatch(
          [
            { id: a, color: 'red' },
            { id: b, color: 'blue' },
          ],
          { fields: ['id', 'color'] },
        ),
      );
      assert.deepEqual(Object.fromEntries(batch.map((entry) => [entry.id, entry.color])), {
        [a]: 'red',
        [b]: 'blue',
      });
    },
  },
  {
    name: 'deletePreset / deletePresets (bodiless DELETE, JSON content type)',
    async run(ctx) {
      const [a, b, c] = [await preset(ctx), await preset(ctx), await preset(ctx)];
      assertNoContent(await ctx.client.request(ctx.sdk.deletePreset(a)), ctx.recorder);
      await ctx.client.request(ctx.sdk.deletePresets([b, c]));
      for (const id of [a, b, c]) assert.equal((await ctx.raw('GET', `/presets/${id}`)).status, 403);
    },
  },
  // ------------------------------------------------------------------------------------------------ server
  {
    name: 'serverPing: "pong" as text',
    async run({ client, sdk }) {
      assert.equal(await client.request(sdk.serverPing()), 'pong');
    },
  },
  {
    name: 'serverInfo: the project, and the limits for a signed-in user',
    async run(ctx) {
      const info = (await ctx.client.request(ctx.sdk.serverInfo())) as unknown as Record<string, unknown>;
      const project = info.project as Record<string, unknown>;
      assert.equal(typeof project.project_name, 'string');
      assert.deepEqual(info.queryLimit, { default: 100, max: -1 });
      const anonymous = ctx.anonymous();
      const open = (await anonymous.request(ctx.sdk.serverInfo())) as unknown as Record<string, unknown>;
      assert.equal(typeof (open.project as Record<string, unknown>).project_name, 'string');
      assert.equal(open.queryLimit, undefined, 'limits are for signed-in users');
    },
  },
  {
    name: 'serverHealth: IETF health (application/health+json)',
    async run(ctx) {
      const health = await ctx.client.request(ctx.sdk.serverHealth());
      assert.ok(['ok', 'warn'].includes(health.status), `status ${health.status}`);
      assert.match(ctx.recorder.last().responseHeaders['content-type'] ?? '', /^application\/health\+json/);
    },
  },
  {
    name: 'readOpenApiSpec: OpenAPI 3 of the project, with the project in its server URL',
    async run(ctx) {
      const spec = await ctx.client.request(ctx.sdk.readOpenApiSpec());
      assert.match(String(spec.openapi), /^3\./);
      assert.ok(spec.paths['/server/ping'], 'documents /server/ping');
      assert.match(String(spec.servers[0].url), new RegExp(`/${ctx.key}$`));
    },
  },
];

describeSdk(
  'SDK files, folders, activity, revisions, comments, settings, presets, server, utils',
  'system',
  cases,
  seed,
);
