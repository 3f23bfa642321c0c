import assert from 'node:assert/strict';
import { assertNoContent, describeSdk, rejectsWith, type SdkCase, type SdkContext } from './sdk-harness';

/**
 * Collections, fields, relations and schema snapshot/diff/apply through the official SDK. Each case makes the
 * collections it changes with direct API calls, so one failing command does not take the others down.
 */

const idField = { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } };

async function collection(
  ctx: SdkContext,
  name: string,
  extra: Record<string, unknown>[] = [],
): Promise<void> {
  await ctx.ok('POST', '/collections', {
    collection: name,
    meta: { note: `${name} note` },
    fields: [idField, { field: 'name', type: 'string', schema: {} }, ...extra],
  });
}

/** A collection `<prefix>_books` whose `writer` field is an m2o to `<prefix>_writers`. */
async function relatedPair(ctx: SdkContext, prefix: string): Promise<{ books: string; writers: string }> {
  const books = `${prefix}_books`;
  const writers = `${prefix}_writers`;
  await collection(ctx, writers);
  await collection(ctx, books, [{ field: 'writer', type: 'integer', schema: {} }]);
  return { books, writers };
}

/** Fields of the snapshot's lists, as `collection.field` / collection names, for compact assertions. */
const names = (list: Record<string, unknown>[], key = 'collection') =>
  list.map((entry) => String(entry[key]));

const cases: SdkCase[] = [
  // ------------------------------------------------------------------------------------------ collections
  {
    name: 'createCollection: with meta and fields; answers the collection object',
    async run({ client, sdk }) {
      const created = await client.request(
        sdk.createCollection({
          collection: 'made_by_sdk',
          meta: { icon: 'inventory', note: 'made by the SDK' },
          schema: {},
          fields: [
            idField,
            { field: 'label', type: 'string', schema: { max_length: 80 }, meta: { interface: 'input' } },
          ],
        }),
      );
      assert.equal(created.collection, 'made_by_sdk');
      assert.equal(created.meta?.icon, 'inventory');
      assert.equal(created.meta?.note, 'made by the SDK');
      assert.equal((created.schema as { name?: string } | null)?.name, 'made_by_sdk');
      const fields = await client.request(sdk.readFieldsByCollection('made_by_sdk'));
      assert.deepEqual(fields.map((field) => field.field).sort(), ['id', 'label']);
    },
  },
  {
    name: 'readCollections / readCollection',
    async run(ctx) {
      await collection(ctx, 'shelves');
      const all = await ctx.client.request(ctx.sdk.readCollections());
      const listed = all.map((entry) => entry.collection);
      assert.ok(listed.includes('shelves'), 'the new collection is listed');
      assert.ok(listed.includes('directus_users'), 'system collections are listed too');
      const one = await ctx.client.request(ctx.sdk.readCollection('shelves'));
      assert.equal(one.collection, 'shelves');
      assert.equal(one.meta?.note, 'shelves note');
      assert.equal((one.schema as { name?: string } | null)?.name, 'shelves');
      await rejectsWith(ctx.client.request(ctx.sdk.readCollection('no_such_collection')), 403, 'FORBIDDEN');
    },
  },
  {
    name: 'updateCollection: meta only',
    async run(ctx) {
      await collection(ctx, 'boxes');
      const updated = await ctx.client.request(
        ctx.sdk.updateCollection('boxes', { meta: { note: 'changed', hidden: true } }),
      );
      assert.equal(updated.collection, 'boxes');
      assert.equal(updated.meta?.note, 'changed');
      assert.equal(updated.meta?.hidden, true);
      const read = await ctx.ok('GET', '/collections/boxes');
      assert.equal(read.body.data.meta.note, 'changed');
    },
  },
  {
    name: 'deleteCollection: drops the table (bodiless DELETE, JSON content type)',
    async run(ctx) {
      await collection(ctx, 'to_drop');
      await ctx.ok('POST', '/items/to_drop', { name: 'row' });
      await ctx.client.request(ctx.sdk.deleteCollection('to_drop'));
      assert.equal((await ctx.raw('GET', '/collections/to_drop')).status, 403);
      assert.equal((await ctx.raw('GET', '/items/to_drop')).status, 403);
    },
  },
  // ----------------------------------------------------------------------------------------------- fields
  {
    name: 'createField: a column with schema and meta',
    async run(ctx) {
      await collection(ctx, 'products');
      const created = await ctx.loose.request(
        ctx.sdk.createField('products', {
          field: 'stock',
          type: 'integer',
          schema: { default_value: 3, is_nullable: false },
          meta: { note: 'units on hand', interface: 'input' },
        }),
      );
      assert.equal(created.collection, 'products');
      assert.equal(created.field, 'stock');
      assert.equal(created.type, 'integer');
      assert.equal(created.schema?.default_value, 3);
      assert.equal(created.schema?.is_nullable, false);
      assert.equal(created.meta?.note, 'units on hand');
      const item = await ctx.ok('POST', '/items/products?fields=stock', { name: 'lamp' });
      assert.equal(item.body.data.stock, 3, 'the database default applies');
    },
  },
  {
    name: 'readFields / readFieldsByCollection / readField',
    async run(ctx) {
      await collection(ctx, 'gadgets', [{ field: 'weight', type: 'float', schema: {} }]);
      const all = await ctx.client.request(ctx.sdk.readFields());
      assert.ok(all.some((field) => field.collection === 'gadgets' && field.field === 'weight'));
      assert.ok(all.some((field) => field.collection === 'directus_users' && field.field === 'email'));
      const ofCollection = await ctx.client.request(ctx.sdk.readFieldsByCollection('gadgets'));
      assert.deepEqual(ofCollection.map((field) => field.field).sort(), ['id', 'name', 'weight']);
      const one = await ctx.client.request(ctx.sdk.readField('gadgets', 'weight'));
      assert.equal(one.type, 'float');
      assert.equal(one.schema?.data_type, 'real');
      await rejectsWith(ctx.client.request(ctx.sdk.readField('gadgets', 'nope')), 403, 'FORBIDDEN');
    },
  },
  {
    name: 'updateField: meta and schema',
    async run(ctx) {
      await collection(ctx, 'widgets', [{ field: 'size', type: 'string', schema: { max_length: 10 } }]);
      const updated = await ctx.client.request(
        ctx.sdk.updateField('widgets', 'size', { meta: { note: 'S, M or L' }, schema: { max_length: 40 } }),
      );
      assert.equal(updated.field, 'size');
      assert.equal(updated.meta?.note, 'S, M or L');
      assert.equal(updated.schema?.max_length, 40);
    },
  },
  {
    name: 'updateFields: several fields of a collection in one PATCH /fields/:collection (26 only)',
    versions: ['26'],
    async run(ctx) {
      await collection(ctx, 'parts', [{ field: 'code', type: 'string', schema: {} }]);
      const updated = await ctx.client.request(
        ctx.sdk.updateFields('parts', [
          { field: 'name', meta: { note: 'the name' } },
          { field: 'code', meta: { note: 'the code' } },
        ]),
      );
      assert.deepEqual(updated.map((field) => [field.field, field.meta?.note]).sort(), [
        ['code', 'the code'],
        ['name', 'the name'],
      ]);
    },
  },
  {
    name: 'deleteField: drops the column (bodiless DELETE, JSON content type)',
    async run(ctx) {
      await collection(ctx, 'tools', [{ field: 'obsolete', type: 'string', schema: {} }]);
      await ctx.client.request(ctx.sdk.deleteField('tools', 'obsolete'));
      assert.equal((await ctx.raw('GET', '/fields/tools/obsolete')).status, 403);
    },
  },
  // -------------------------------------------------------------------------------------------- relations
  {
    name: 'createRelation: an m2o with a foreign key',
    async run(ctx) {
      const { books, writers } = await relatedPair(ctx, 'create');
      const created = await ctx.client.request(
        ctx.sdk.createRelation({
          collection: books,
          field: 'writer',
          related_collection: writers,
          schema: { on_delete: 'SET NULL' },
        }),
      );
      assert.equal(created.collection, books);
      assert.equal(created.field, 'writer');
      assert.equal(created.related_collection, writers);
      assert.equal(created.schema?.on_delete, 'SET NULL');
      assert.equal(created.schema?.foreign_key_table, writers);
      const writer = await ctx.ok('POST', `/items/${writers}?fields=id`, { name: 'Ursula' });
      const book = await ctx.ok('POST', `/items/${books}?fields=writer.name`, {
        name: 'Earthsea',
        writer: writer.body.data.id,
      });
      assert.deepEqual(book.body.data, { writer: { name: 'Ursula' } });
    },
  },
  {
    name: 'readRelations / readRelationByCollection / readRelation',
    async run(ctx) {
      const { books, writers } = await relatedPair(ctx, 'read');
      await ctx.ok('POST', '/relations', { collection: books, field: 'writer', related_collection: writers });
      const all = await ctx.client.request(ctx.sdk.readRelations());
      assert.ok(all.some((relation) => relation.collection === books && relation.field === 'writer'));
      const ofCollection = await ctx.client.request(ctx.sdk.readRelationByCollection(books));
      assert.deepEqual(
        ofCollection.map((relation) => [relation.field, relation.related_collection]),
        [['writer', writers]],
      );
      const one = await ctx.client.request(ctx.sdk.readRelation(books, 'writer'));
      assert.equal(one.related_collection, writers);
      assert.equal(one.meta?.many_collection, books);
      assert.equal(one.meta?.one_collection, writers);
    },
  },
  {
    name: 'updateRelation: on_delete and the o2m alias',
    async run(ctx) {
      const { books, writers } = await relatedPair(ctx, 'update');
      await ctx.ok('POST', '/relations', { collection: books, field: 'writer', related_collection: writers });
      const updated = await ctx.client.request(
        ctx.sdk.updateRelation(books, 'writer', { schema: { on_delete: 'CASCADE' } }),
      );
      assert.equal(updated.schema?.on_delete, 'CASCADE');
      assert.equal((await ctx.ok('GET', `/relations/${books}/writer`)).body.data.schema.on_delete, 'CASCADE');
    },
  },
  {
    name: 'deleteRelation (bodiless DELETE, JSON content type)',
    async run(ctx) {
      const { books, writers } = await relatedPair(ctx, 'delete');
      await ctx.ok('POST', '/relations', { collection: books, field: 'writer', related_collection: writers });
      await ctx.client.request(ctx.sdk.deleteRelation(books, 'writer'));
      assert.equal((await ctx.raw('GET', `/relations/${books}/writer`)).status, 403);
    },
  },
  // ---------------------------------------------------------------------------------------------- schema
  {
    name: 'schemaSnapshot: version, vendor, collections, fields and relations',
    async run(ctx) {
      const { books } = await relatedPair(ctx, 'snap');
      await ctx.ok('POST', '/relations', {
        collection: books,
        field: 'writer',
        related_collection: 'snap_writers',
      });
      const snapshot = await ctx.client.request(ctx.schemaSnapshot());
      assert.equal(snapshot.version, 1);
      assert.equal(typeof snapshot.directus, 'string');
      assert.equal(snapshot.vendor, 'postgres');
      assert.ok(names(snapshot.collections).includes(books));
      assert.ok(
        !names(snapshot.collections).some((name) => name.startsWith('directus_')),
        'user collections only',
      );
      assert.ok(snapshot.fields.some((field) => field.collection === books && field.field === 'writer'));
      assert.ok(snapshot.relations.some((relation) => relation.collection === books));
    },
  },
  {
    name: 'schemaDiff / schemaApply: a snapshot taken before a collection was dropped re-creates it',
    async run(ctx) {
      await collection(ctx, 'comeback', [{ field: 'score', type: 'integer', schema: {} }]);
      const before = await ctx.client.request(ctx.schemaSnapshot());
      await ctx.ok('DELETE', '/collections/comeback');

      const diff = await ctx.client.request(ctx.schemaDiff(before));
      assert.equal(typeof diff.hash, 'string');
      const created = (diff.diff.collections as Array<{ collection: string }>).map(
        (entry) => entry.collection,
      );
      assert.deepEqual(created, ['comeback']);

      assertNoContent(await ctx.client.request(ctx.schemaApply(diff)), ctx.recorder);
      const fields = await ctx.ok('GET', '/fields/comeback');
      assert.deepEqual((fields.body.data as Array<{ field: string }>).map((field) => field.field).sort(), [
        'id',
        'name',
        'score',
      ]);
    },
  },
  {
    name: 'schemaDiff: no differences answers 204 (the SDK returns no diff)',
    async run(ctx) {
      const now = await ctx.client.request(ctx.schemaSnapshot());
      assertNoContent(await ctx.client.request(ctx.schemaDiff(now)), ctx.recorder);
    },
  },
  {
    name: 'schemaApply with a stale hash is refused',
    async run(ctx) {
      await collection(ctx, 'stale_one');
      const before = await ctx.client.request(ctx.schemaSnapshot());
      await ctx.ok('DELETE', '/collections/stale_one');
      const diff = await ctx.client.request(ctx.schemaDiff(before));
      await collection(ctx, 'stale_two');
      await rejectsWith(ctx.client.request(ctx.schemaApply(diff)), 400, 'INVALID_PAYLOAD');
    },
  },
];

describeSdk('SDK collections, fields, relations, schema', 'schema', cases);
