import assert from 'node:assert/strict';
import {
  assertNoContent,
  configureSdkServer,
  describeSdk,
  rejectsWith,
  type SdkCase,
  type SdkContext,
} from './sdk-harness';

/** The SDK's content-version commands and `version` on item reads, against a collection with versioning on. */

configureSdkServer({});

interface Version {
  id: string;
  key: string;
  name: string | null;
  collection: string;
  item: string;
}

async function seed(ctx: SdkContext): Promise<void> {
  await ctx.ok('POST', '/collections', {
    collection: 'pages',
    meta: { versioning: true },
    fields: [
      { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } },
      { field: 'title', type: 'string', schema: {} },
      { field: 'body', type: 'text', schema: {} },
    ],
  });
}

const page = async (ctx: SdkContext, title: string): Promise<number> =>
  (await ctx.ok('POST', '/items/pages?fields=id', { title, body: 'original' })).body.data.id;

const cases: SdkCase[] = [
  {
    name: 'createContentVersion / readContentVersions / updateContentVersion / deleteContentVersion',
    async run(ctx) {
      const id = await page(ctx, 'crud');
      const created = (await ctx.loose.request(
        ctx.sdk.createContentVersion({ key: 'draft', name: 'Draft', collection: 'pages', item: String(id) }),
      )) as Version;
      assert.equal(created.key, 'draft');
      assert.equal(created.item, String(id));
      const listed = (await ctx.loose.request(
        ctx.sdk.readContentVersions({ filter: { item: { _eq: String(id) } }, fields: ['key', 'name'] }),
      )) as Version[];
      assert.deepEqual(listed, [{ key: 'draft', name: 'Draft' }]);
      const renamed = (await ctx.loose.request(
        ctx.sdk.updateContentVersion(created.id, { name: 'Renamed' }),
      )) as Version;
      assert.equal(renamed.name, 'Renamed');
      const deleted = await ctx.loose.request(ctx.sdk.deleteContentVersion(created.id));
      assertNoContent(deleted, ctx.recorder);
      await rejectsWith(ctx.loose.request(ctx.sdk.readContentVersion(created.id)), 403, 'FORBIDDEN');
    },
  },
  {
    name: 'saveToContentVersion / compareContentVersion / promoteContentVersion, and readItem at a version',
    async run(ctx) {
      const id = await page(ctx, 'flow');
      const version = (await ctx.loose.request(
        ctx.sdk.createContentVersion({ key: 'edit', collection: 'pages', item: String(id) }),
      )) as Version;
      const saved = (await ctx.loose.request(
        ctx.sdk.saveToContentVersion(version.id, { title: 'flow, edited' }),
      )) as Record<string, unknown>;
      assert.equal(saved.title, 'flow, edited');
      assert.equal(saved.body, 'original');
      const atVersion = (await ctx.loose.request(
        ctx.sdk.readItem('pages', id, { version: 'edit' }),
      )) as Record<string, unknown>;
      assert.equal(atVersion.title, 'flow, edited');
      assert.equal(
        ((await ctx.loose.request(ctx.sdk.readItem('pages', id))) as { title: string }).title,
        'flow',
      );

      const compared = (await ctx.loose.request(ctx.sdk.compareContentVersion(version.id))) as {
        outdated: boolean;
        mainHash: string;
        current: Record<string, unknown>;
        main: Record<string, unknown>;
      };
      assert.equal(compared.outdated, false);
      assert.match(compared.mainHash, /^[0-9a-f]{40}$/);
      assert.deepEqual(compared.current, { title: 'flow, edited' });
      assert.equal(compared.main.title, 'flow');

      await rejectsWith(
        ctx.loose.request(ctx.sdk.promoteContentVersion(version.id, 'stale-hash')),
        422,
        'VERSION_HASH_MISMATCH',
      );
      const promoted = await ctx.loose.request(ctx.sdk.promoteContentVersion(version.id, compared.mainHash));
      assert.equal(String(promoted), String(id));
      assert.equal(
        ((await ctx.loose.request(ctx.sdk.readItem('pages', id))) as { title: string }).title,
        'flow, edited',
      );
      const after = (await ctx.loose.request(ctx.sdk.compareContentVersion(version.id))) as {
        outdated: boolean;
      };
      assert.equal(after.outdated, true, 'the main item changed since the version was made');
    },
  },
];

describeSdk('SDK content versions', 'versions', cases, seed);
