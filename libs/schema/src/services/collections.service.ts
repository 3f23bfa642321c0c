import { Injectable } from '@nestjs/common';
import { requireAdmin } from '@atrium/auth';
import { schemaReadScope } from './schema-read-scope';
import { forbidden, invalidPayload, isPlainObject } from '@atrium/core';
import type { DirectusType } from '../overview/schema-overview';
import { renameNothing } from '../ddl/column-ddl';
import { newIdentifier } from '../ddl/identifiers';
import { planDropForeignKey } from '../ddl/relation-ddl';
import { planCommentOnTable, planCreateTable, planDropTable } from '../ddl/table-ddl';
import {
  deleteCollectionMetadata,
  deleteFieldMetadata,
  upsertCollectionMeta,
  upsertFieldMeta,
} from '../meta/meta-rows';
import { readSchemaOverview } from '../overview/build-schema-overview';
import { FieldInput, parseFieldInput } from './field-input';
import { fieldMetaToWrite } from './fields.service';
import type { SchemaContext, SchemaTx } from './schema-context';
import { existingCollection, mutableCollection } from './schema-lookups';
import { runSteps, SchemaChange, SchemaTransaction } from './schema-transaction';
import { CollectionView, collectionView } from './schema-views';

/** Directus's meta for the `id` key a collection created without fields gets. */
const DEFAULT_ID_META = { hidden: true, readonly: true, interface: 'input', special: null };

interface CollectionInput {
  collection: string;
  /** null → folder; undefined → a table. */
  schema: { comment?: unknown } | null | undefined;
  meta: Record<string, unknown> | null | undefined;
  fields: FieldInput[] | undefined;
}

function parseCollectionInput(body: unknown): CollectionInput {
  if (!isPlainObject(body)) throw invalidPayload('A collection must be an object.');
  const collection = newIdentifier(body.collection, 'collection');
  if (body.schema !== undefined && body.schema !== null && !isPlainObject(body.schema)) {
    throw invalidPayload(`"schema" of collection "${collection}" must be an object or null.`);
  }
  if (body.meta !== undefined && body.meta !== null && !isPlainObject(body.meta)) {
    throw invalidPayload(`"meta" of collection "${collection}" must be an object or null.`);
  }
  if (body.fields !== undefined && body.fields !== null && !Array.isArray(body.fields)) {
    throw invalidPayload(`"fields" of collection "${collection}" must be an array.`);
  }
  return {
    collection,
    schema: body.schema as CollectionInput['schema'],
    meta: body.meta as CollectionInput['meta'],
    fields: (body.fields as unknown[] | undefined)?.map((field) => parseFieldInput(field, true)),
  };
}

/** `/collections`: tables and folders with their meta (reference §6). */
@Injectable()
export class CollectionsService {
  constructor(private readonly schema: SchemaTransaction) {}

  /** Admins see every collection; others the ones they may read (Directus). */
  async list(ctx: SchemaContext): Promise<CollectionView[]> {
    const visible = schemaReadScope(ctx, 'directus_collections');
    const overview = await this.schema.overview(ctx.tenant);
    return Object.values(overview.collections)
      .filter((collection) => visible?.collection(collection.collection) ?? true)
      .map(collectionView);
  }

  async read(ctx: SchemaContext, collection: string): Promise<CollectionView> {
    const visible = schemaReadScope(ctx, 'directus_collections');
    if (visible && !visible.collection(collection)) throw forbidden();
    return collectionView(existingCollection(await this.schema.overview(ctx.tenant), collection));
  }

  /** One collection (an object) or several (an array), in one transaction. */
  async create(ctx: SchemaContext, body: unknown, tx?: SchemaTx): Promise<CollectionView | CollectionView[]> {
    requireAdmin(ctx.accountability);
    const inputs = (Array.isArray(body) ? body : [body]).map(parseCollectionInput);
    await this.schema.run(ctx.tenant, tx, async (change) => {
      for (const input of inputs) {
        await this.createIn(
          { client: change.client, overview: await readSchemaOverview(change.client) },
          input,
        );
      }
    });
    const overview = await this.schema.overview(ctx.tenant, tx);
    const views = inputs.map((input) => collectionView(existingCollection(overview, input.collection)));
    return Array.isArray(body) ? views : views[0];
  }

  private async createIn(change: SchemaChange, input: CollectionInput): Promise<void> {
    const name = input.collection;
    if (Object.prototype.hasOwnProperty.call(change.overview.collections, name)) {
      throw invalidPayload(`Collection "${name}" already exists.`);
    }
    const fields = input.fields ?? [];
    if (input.schema === null) {
      if (fields.some((field) => field.type !== 'alias')) {
        throw invalidPayload(
          `Collection "${name}" is a folder (schema: null): it can only hold alias fields.`,
        );
      }
      for (const field of fields) newIdentifier(field.field, 'field');
    } else {
      const columns = fields.map((field) => ({
        field: field.field as string,
        type: field.type as DirectusType,
        schema: field.schema,
      }));
      await runSteps(change, planCreateTable(name, columns));
      const comment = input.schema?.comment;
      if (typeof comment === 'string' && comment !== '')
        await runSteps(change, planCommentOnTable(name, comment));
    }
    await upsertCollectionMeta(change.client, name, input.meta ?? {});
    if (input.schema !== null && fields.length === 0) {
      await upsertFieldMeta(change.client, name, 'id', DEFAULT_ID_META);
    }
    for (const field of fields) {
      const meta = fieldMetaToWrite(field.type as DirectusType, field.meta, null, false);
      if (meta !== null) await upsertFieldMeta(change.client, name, field.field as string, meta);
    }
  }

  /** Meta (and the table comment) only: Directus never renames a collection. */
  async update(
    ctx: SchemaContext,
    collection: string,
    body: unknown,
    tx?: SchemaTx,
  ): Promise<CollectionView> {
    requireAdmin(ctx.accountability);
    if (!isPlainObject(body)) throw invalidPayload('The body must be an object.');
    await this.schema.run(ctx.tenant, tx, async (change) => {
      const target = mutableCollection(change.overview, collection);
      renameNothing('collection', target.collection, body.collection);
      if (body.meta !== undefined && body.meta !== null) {
        await upsertCollectionMeta(change.client, target.collection, body.meta);
      }
      const schema = body.schema;
      if (isPlainObject(schema) && schema.comment !== undefined && target.schema !== null) {
        if (schema.comment !== target.schema.comment) {
          await runSteps(change, planCommentOnTable(target.collection, schema.comment as string | null));
        }
      }
    });
    return collectionView(existingCollection(await this.schema.overview(ctx.tenant, tx), collection));
  }

  /**
   * Drops the table (after the foreign keys pointing at it) and forgets its meta, fields, relations and
   * permissions, so a collection re-created under the name inherits nothing.
   */
  async delete(ctx: SchemaContext, collection: string, tx?: SchemaTx): Promise<void> {
    requireAdmin(ctx.accountability);
    await this.schema.run(ctx.tenant, tx, async (change) => {
      const target = mutableCollection(change.overview, collection);
      const name = target.collection;
      for (const relation of change.overview.relations) {
        const inbound = relation.schema?.foreign_key_table === name && relation.collection !== name;
        if (inbound && relation.schema) {
          await runSteps(change, planDropForeignKey(relation.collection, relation.schema.constraint_name));
        }
        // A junction (or any many side) going away takes the alias that showed it on the other side.
        const one = relation.meta?.one_collection;
        const alias = relation.meta?.one_field;
        if (relation.collection === name && one && one !== name && alias) {
          await deleteFieldMetadata(change.client, one, alias);
        }
      }
      if (target.schema !== null) await runSteps(change, planDropTable(name));
      await deleteCollectionMetadata(change.client, name);
    });
  }
}
