import { Injectable } from '@nestjs/common';
import { requireAdmin } from '@atrium/auth';
import { schemaReadScope } from './schema-read-scope';
import { forbidden, invalidPayload } from '@atrium/core';
import { planAddColumn, planAlterColumn, planDropColumn, renameNothing } from '../ddl/column-ddl';
import { newIdentifier } from '../ddl/identifiers';
import { deleteFieldMetadata, upsertFieldMeta } from '../meta/meta-rows';
import { readSchemaOverview } from '../overview/build-schema-overview';
import type { CollectionOverview, DirectusType, FieldMeta } from '../overview/schema-overview';
import { columnCatalogNames } from './catalog-names';
import { specialsForType, typeNeedsSpecial } from './field-specials';
import { FieldInput, parseFieldInput } from './field-input';
import type { SchemaContext, SchemaTx } from './schema-context';
import { existingCollection, existingField, mutableCollection } from './schema-lookups';
import { runSteps, SchemaChange, SchemaTransaction } from './schema-transaction';
import { FieldView, fieldView } from './schema-views';

/**
 * The meta row to write for a field of `type`, or null for none: what the client sent, with `special`
 * carrying the type's flag (csv, hash, alias) so that introspection reads the type back.
 */
export function fieldMetaToWrite(
  type: DirectusType,
  meta: Record<string, unknown> | null | undefined,
  existing: FieldMeta | null,
  typeChanged: boolean,
): Record<string, unknown> | null {
  const needs = typeNeedsSpecial(type) || (typeChanged && (existing?.special?.length ?? 0) > 0);
  if (!meta && !needs) return null;
  const out: Record<string, unknown> = { ...(meta ?? {}) };
  if (needs || out.special !== undefined) {
    out.special = specialsForType(type, out.special !== undefined ? out.special : existing?.special);
  }
  return out;
}

/** `/fields`: a collection's columns and alias fields with their meta (reference §6). */
@Injectable()
export class FieldsService {
  constructor(private readonly schema: SchemaTransaction) {}

  /** Admins see every field; others the fields they may read, of collections they may read (Directus). */
  async list(ctx: SchemaContext, collection?: string): Promise<FieldView[]> {
    const visible = schemaReadScope(ctx, 'directus_fields');
    if (visible && collection !== undefined && !visible.collection(collection)) throw forbidden();
    const overview = await this.schema.overview(ctx.tenant);
    const collections =
      collection === undefined
        ? Object.values(overview.collections)
        : [existingCollection(overview, collection)];
    return collections.flatMap((item) =>
      Object.values(item.fields)
        .filter((field) => visible?.field(item.collection, field.field) ?? true)
        .map(fieldView),
    );
  }

  async read(ctx: SchemaContext, collection: string, field: string): Promise<FieldView> {
    const visible = schemaReadScope(ctx, 'directus_fields');
    if (visible && !visible.field(collection, field)) throw forbidden();
    const overview = await this.schema.overview(ctx.tenant);
    return fieldView(existingField(existingCollection(overview, collection), field));
  }

  async create(ctx: SchemaContext, collection: string, body: unknown, tx?: SchemaTx): Promise<FieldView> {
    requireAdmin(ctx.accountability);
    const input = parseFieldInput(body, true);
    const name = await this.schema.run(ctx.tenant, tx, async (change) => {
      const target = mutableCollection(change.overview, collection);
      return this.createIn(change, target, input);
    });
    return this.readBack(ctx, collection, name, tx);
  }

  /** Adds one field to `collection` inside `change` (also used when a collection is created with fields). */
  async createIn(change: SchemaChange, collection: CollectionOverview, input: FieldInput): Promise<string> {
    const name = newIdentifier(input.field, 'field');
    const type = input.type as DirectusType;
    if (Object.prototype.hasOwnProperty.call(collection.fields, name)) {
      throw invalidPayload(`Field "${name}" already exists in collection "${collection.collection}".`);
    }
    if (collection.schema === null && type !== 'alias') {
      throw invalidPayload(
        `Collection "${collection.collection}" is a folder: it can only hold alias fields.`,
      );
    }
    await runSteps(change, planAddColumn(collection.collection, { field: name, type, schema: input.schema }));
    await this.writeMeta(change, collection.collection, name, type, input.meta, null, false);
    return name;
  }

  async update(
    ctx: SchemaContext,
    collection: string,
    field: string,
    body: unknown,
    tx?: SchemaTx,
  ): Promise<FieldView> {
    requireAdmin(ctx.accountability);
    const input = parseFieldInput(body, false);
    await this.schema.run(ctx.tenant, tx, (change) => this.updateIn(change, collection, field, input));
    return this.readBack(ctx, collection, field, tx);
  }

  /** `PATCH /fields/:collection` with an array: every field changes in one transaction, or none does. */
  async updateMany(ctx: SchemaContext, collection: string, body: unknown): Promise<FieldView[]> {
    requireAdmin(ctx.accountability);
    if (!Array.isArray(body)) throw invalidPayload('The body must be an array of fields.');
    const inputs = body.map((item) => parseFieldInput(item, false));
    const names: string[] = [];
    await this.schema.run(ctx.tenant, undefined, async (change) => {
      for (const input of inputs) {
        if (typeof input.field !== 'string') throw invalidPayload('Every field of the batch needs "field".');
        // Each change validates against the schema as the previous ones left it.
        const current = { client: change.client, overview: await readSchemaOverview(change.client) };
        await this.updateIn(current, collection, input.field, input);
        names.push(input.field);
      }
    });
    const overview = await this.schema.overview(ctx.tenant);
    const target = existingCollection(overview, collection);
    return names.map((name) => fieldView(existingField(target, name)));
  }

  private async updateIn(
    change: SchemaChange,
    collection: string,
    field: string,
    input: FieldInput,
  ): Promise<void> {
    const target = mutableCollection(change.overview, collection);
    const current = existingField(target, field);
    renameNothing('field', current.field, input.field);
    const type = input.type ?? current.type;
    if (current.schema !== null) {
      const names = await columnCatalogNames(change.client, current.schema.table, current.schema.name);
      const steps = planAlterColumn(
        { ...current.schema, type: current.type },
        { type, schema: input.schema },
        names,
      );
      await runSteps(change, steps);
    } else if (type !== 'alias') {
      throw invalidPayload(
        `Field "${collection}.${field}" is an alias field and can't become a ${type} field.`,
      );
    }
    await this.writeMeta(change, collection, field, type, input.meta, current.meta, type !== current.type);
  }

  async delete(ctx: SchemaContext, collection: string, field: string, tx?: SchemaTx): Promise<void> {
    requireAdmin(ctx.accountability);
    await this.schema.run(ctx.tenant, tx, async (change) => {
      const target = mutableCollection(change.overview, collection);
      const current = existingField(target, field);
      if (current.schema?.is_primary_key) {
        throw invalidPayload(`Field "${collection}.${field}" is the primary key and can't be deleted.`);
      }
      // The o2m alias of a relation goes, the relation stays (its foreign key is on the other side).
      await change.client.query(
        'UPDATE directus_relations SET one_field = NULL WHERE one_collection = $1 AND one_field = $2',
        [collection, field],
      );
      // An m2o going away takes the o2m alias that showed it from the other side.
      for (const relation of change.overview.relations) {
        if (relation.collection !== collection || relation.field !== field) continue;
        const one = relation.meta?.one_collection;
        const alias = relation.meta?.one_field;
        if (one && alias) await deleteFieldMetadata(change.client, one, alias);
      }
      if (current.schema !== null) await runSteps(change, planDropColumn(collection, field));
      await deleteFieldMetadata(change.client, collection, field);
    });
  }

  private async writeMeta(
    change: SchemaChange,
    collection: string,
    field: string,
    type: DirectusType,
    meta: Record<string, unknown> | null | undefined,
    existing: FieldMeta | null,
    typeChanged: boolean,
  ): Promise<void> {
    const values = fieldMetaToWrite(type, meta, existing, typeChanged);
    if (values !== null) await upsertFieldMeta(change.client, collection, field, values);
  }

  private async readBack(
    ctx: SchemaContext,
    collection: string,
    field: string,
    tx?: SchemaTx,
  ): Promise<FieldView> {
    const overview = await this.schema.overview(ctx.tenant, tx);
    return fieldView(existingField(existingCollection(overview, collection), field));
  }
}
