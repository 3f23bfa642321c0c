import assert from 'node:assert/strict';
import {
  assertNoContent,
  configureSdkServer,
  describeSdk,
  rejectsWith,
  type SdkCase,
  type SdkContext,
} from './sdk-harness';

/**
 * The SDK's utils commands against the server: random strings, hashes (18 still has them), sorting, imports
 * and exports through `/files`, cache clearing, and the extensions list.
 */

configureSdkServer({});

interface Task {
  id: number;
  title: string;
  sort: number | null;
}

async function seed(ctx: SdkContext): Promise<void> {
  await ctx.ok('POST', '/collections', {
    collection: 'tasks',
    meta: { sort_field: 'sort' },
    fields: [
      { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
      { field: 'title', type: 'string', schema: {} },
      { field: 'sort', type: 'integer', schema: {} },
    ],
  });
}

const tasks = async (ctx: SdkContext): Promise<Task[]> =>
  (await ctx.ok('GET', '/items/tasks?sort=sort,id&fields=id,title,sort&limit=-1')).body.data as Task[];

/** A FormData holding one file, as a browser builds it. */
function fileForm(name: string, type: string, text: string): FormData {
  const data = new FormData();
  data.append('file', new Blob([text], { type }), name);
  return data;
}

const cases: SdkCase[] = [
  {
    name: 'randomString: 32 URL-safe characters by default, the length asked for, at most 500',
    async run(ctx) {
      const text = await ctx.client.request(ctx.sdk.randomString());
      assert.match(text, /^[A-Za-z0-9_-]{32}$/);
      assert.equal((await ctx.client.request(ctx.sdk.randomString(8))).length, 8);
      assert.notEqual(await ctx.client.request(ctx.sdk.randomString()), text);
      await rejectsWith(ctx.client.request(ctx.sdk.randomString(501)), 400, 'INVALID_QUERY');
    },
  },
  {
    name: 'generateHash / verifyHash: an argon2id hash that verifies its string and no other',
    versions: ['18'],
    async run(ctx) {
      const sdk = ctx.sdk as unknown as {
        generateHash(text: string): Parameters<typeof ctx.client.request>[0];
        verifyHash(text: string, hash: string): Parameters<typeof ctx.client.request>[0];
      };
      const hash = (await ctx.client.request(sdk.generateHash('correct horse'))) as unknown as string;
      assert.match(hash, /^\$argon2id\$/);
      assert.equal(await ctx.client.request(sdk.verifyHash('correct horse', hash)), true);
      assert.equal(await ctx.client.request(sdk.verifyHash('wrong horse', hash)), false);
    },
  },
  {
    name: 'utilitySort: moves an item to another one’s place, shifting those between',
    async run(ctx) {
      await ctx.ok('POST', '/items/tasks', [
        { title: 'a', sort: 1 },
        { title: 'b', sort: 2 },
        { title: 'c', sort: 3 },
        { title: 'd', sort: 4 },
      ]);
      const [a, , , d] = await tasks(ctx);
      await ctx.loose.request(ctx.sdk.utilitySort('tasks', a.id, d.id));
      assert.deepEqual(
        (await tasks(ctx)).map((task) => [task.title, task.sort]),
        [
          ['b', 1],
          ['c', 2],
          ['d', 3],
          ['a', 4],
        ],
      );
      await ctx.loose.request(ctx.sdk.utilitySort('tasks', a.id, (await tasks(ctx))[0].id));
      assert.deepEqual(
        (await tasks(ctx)).map((task) => task.title),
        ['a', 'b', 'c', 'd'],
      );
    },
  },
  {
    name: 'utilsImport: a JSON file and a CSV file become items; an existing key is updated',
    async run(ctx) {
      await ctx.loose.request(
        ctx.sdk.utilsImport(
          'tasks',
          fileForm(
            'tasks.json',
            'application/json',
            JSON.stringify([{ title: 'json one' }, { title: 'json two' }]),
          ),
        ),
      );
      const [first] = (await tasks(ctx)).filter((task) => task.title === 'json one');
      await ctx.loose.request(
        ctx.sdk.utilsImport(
          'tasks',
          fileForm('tasks.csv', 'text/csv', `id,title\n${first.id},renamed\n,csv three\n`),
        ),
      );
      const titles = (await tasks(ctx))
        .map((task) => task.title)
        .filter((title) => ['json one', 'json two', 'renamed', 'csv three'].includes(title))
        .sort();
      assert.deepEqual(titles, ['csv three', 'json two', 'renamed']);
    },
  },
  {
    name: 'utilsExport: the query’s rows stored as a file in /files, readable back',
    async run(ctx) {
      await ctx.ok('POST', '/items/tasks', [{ title: 'export me' }, { title: 'and me' }]);
      const result = await ctx.loose.request(
        ctx.sdk.utilsExport(
          'tasks',
          'json',
          { fields: ['title'], sort: ['title'], filter: { title: { _in: ['export me', 'and me'] } } },
          { title: 'Task export' },
        ),
      );
      assertNoContent(result, ctx.recorder);
      const files = (
        await ctx.ok('GET', '/files?filter[title][_eq]=Task export&fields=id,type,filename_download')
      ).body.data as Array<{ id: string; type: string; filename_download: string }>;
      assert.equal(files.length, 1);
      assert.equal(files[0].type, 'application/json');
      assert.match(files[0].filename_download, /^export-tasks-\d{8}-\d{6}\.json$/);
      const bytes = (await ctx.raw('GET', `/assets/${files[0].id}`)).text;
      assert.deepEqual(JSON.parse(bytes), [{ title: 'and me' }, { title: 'export me' }]);
    },
  },
  {
    name: 'clearCache: the admin may, with and without system; others get 403',
    async run(ctx) {
      await ctx.client.request(ctx.sdk.clearCache());
      assert.equal(ctx.recorder.last().status, 200);
      // 26's command never puts its flag into the request: `?system` is checked on the path itself.
      assert.equal((await ctx.raw('POST', '/utils/cache/clear?system')).status, 200);
      assert.equal((await ctx.raw('GET', '/items/tasks?limit=1')).status, 200);
      await rejectsWith(ctx.anonymous().request(ctx.sdk.clearCache()), 403, 'FORBIDDEN');
    },
  },
  {
    name: 'readExtensions: an empty list (a hosted project runs no extensions)',
    async run(ctx) {
      assert.deepEqual(await ctx.client.request(ctx.sdk.readExtensions()), []);
    },
  },
];

describeSdk('SDK utils and extensions', 'utils', cases, seed);
