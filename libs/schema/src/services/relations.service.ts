import { Injectable } from '@nestjs/common';
import { requireAdmin } from '@atrium/auth';
import { schemaReadScope } from './schema-read-scope';
import type { SchemaVisibility } from './schema-visibility';
import { forbidden, invalidPayload, isPlainObject } from '@atrium/core';
import { newIdentifier } from '../ddl/identifiers';
import { createIndexStep } from '../ddl/column-definition';
import {
  foreignKeyTypeProblem,
  planAddForeignKey,
  planDropForeignKey,
  referentialAction,
} from '../ddl/relation-ddl';
import {
  deleteFieldMetadata,
  deleteRelationMeta,
  upsertFieldMeta,
  upsertRelationMeta,
} from '../meta/meta-rows';
import type { CollectionOverview, RelationOverview, SchemaOverview } from '../overview/schema-overview';

import type { SchemaContext, SchemaTx } from './schema-context';
import { existingCollection, existingRelation, findRelation } from './schema-lookups';
import { runSteps, SchemaChange, SchemaTransaction } from './schema-transaction';
import { RelationView, relationView } from './schema-views';

interface RelationInput {
  collection: string;
  field: string;
  related_collection: string | null;
  schema: Record<string, unknown> | null | undefined;
  meta: Record<string, unknown>;
}

function parseRelationInput(body: unknown): RelationInput {
  if (!isPlainObject(body)) throw invalidPayload('A relation must be an object.');
  if (typeof body.collection !== 'string' || typeof body.field !== 'string') {
    throw invalidPayload('A relation needs "collection" and "field".');
  }
  const related = body.related_collection ?? null;
  if (related !== null && typeof related !== 'string') {
    throw invalidPayload('"related_collection" must be a collection name or null.');
  }
  if (body.schema !== undefined && body.schema !== null && !isPlainObject(body.schema)) {
    throw invalidPayload('"schema" of a relation must be an object or null.');
  }
  if (body.meta !== undefined && body.meta !== null && !isPlainObject(body.meta)) {
    throw invalidPayload('"meta" of a relation must be an object or null.');
  }
  return {
    collection: body.collection,
    field: body.field,
    related_collection: related,
    schema: body.schema as RelationInput['schema'],
    meta: (body.meta as Record<string, unknown> | null | undefined) ?? {},
  };
}

function userCollection(overview: SchemaOverview, name: string): CollectionOverview {
  const collection = Object.prototype.hasOwnProperty.call(overview.collections, name)
    ? overview.collections[name]
    : undefined;
  if (!collection) throw invalidPayload(`Collection "${name.slice(0, 80)}" doesn't exist.`);
  return collection;
}

/** Relations on system collections are the platform's: read-only here. */
function refuseSystem(relation: { collection: string }, overview: SchemaOverview): void {
  if (overview.collections[relation.collection]?.system) {
    throw forbidden(`Relations of system collection "${relation.collection}" can't be changed.`);
  }
}

function relationVisible(
  visible: SchemaVisibility,
  relation: { collection: string; related_collection: string | null },
): boolean {
  return (
    visible.collection(relation.collection) &&
    (relation.related_collection === null || visible.collection(relation.related_collection))
  );
}

/** `/relations`: m2o foreign keys, o2m aliases, m2m junctions, m2a (reference §6). */
@Injectable()
export class RelationsService {
  constructor(private readonly schema: SchemaTransaction) {}

  /** Admins see every relation; others those whose both sides they may read (Directus). */
  async list(ctx: SchemaContext, collection?: string): Promise<RelationView[]> {
    const visible = schemaReadScope(ctx, 'directus_relations');
    if (visible && collection !== undefined && !visible.collection(collection)) throw forbidden();
    const overview = await this.schema.overview(ctx.tenant);
    if (collection !== undefined) existingCollection(overview, collection);
    return overview.relations
      .filter((relation) => collection === undefined || relation.collection === collection)
      .filter((relation) => !visible || relationVisible(visible, relation))
      .map(relationView);
  }

  async read(ctx: SchemaContext, collection: string, field: string): Promise<RelationView> {
    const visible = schemaReadScope(ctx, 'directus_relations');
    const relation = existingRelation(await this.schema.overview(ctx.tenant), collection, field);
    if (visible && !relationVisible(visible, relation)) throw forbidden();
    return relationView(relation);
  }

  async create(ctx: SchemaContext, body: unknown, tx?: SchemaTx): Promise<RelationView> {
    requireAdmin(ctx.accountability);
    const input = parseRelationInput(body);
    await this.schema.run(ctx.tenant, tx, (change) => this.createIn(change, input));
    return relationView(
      existingRelation(await this.schema.overview(ctx.tenant, tx), input.collection, input.field),
    );
  }

  private async createIn(change: SchemaChange, input: RelationInput): Promise<void> {
    const { overview } = change;
    const many = userCollection(overview, input.collection);
    refuseSystem(many, overview);
    const field = many.fields[input.field];
    if (!field || !Object.prototype.hasOwnProperty.call(many.fields, input.field)) {
      throw invalidPayload(
        `Field "${input.field.slice(0, 80)}" doesn't exist in collection "${many.collection}".`,
      );
    }
    if (field.schema === null) {
      throw invalidPayload(
        `Field "${many.collection}.${field.field}" is an alias field: a relation needs a column.`,
      );
    }
    if (findRelation(overview, many.collection, field.field)) {
      throw invalidPayload(`Field "${many.collection}.${field.field}" already has a relation.`);
    }
    if (input.related_collection === null) {
      this.checkAnyCollection(many, input.meta, overview);
    } else {
      const one = userCollection(overview, input.related_collection);
      if (input.schema !== null && one.schema !== null) {
        await this.addForeignKey(change, many.collection, field.field, one, input.schema ?? {});
      }
      await this.ensureAlias(change, one, input.meta);
    }
    await upsertRelationMeta(change.client, many.collection, field.field, {
      ...input.meta,
      one_collection: input.related_collection,
    });
  }

  /** m2a: `one_collection_field` names the collection column, `one_allowed_collections` the targets. */
  private checkAnyCollection(
    many: CollectionOverview,
    meta: Record<string, unknown>,
    overview: SchemaOverview,
  ): void {
    const allowed = meta.one_allowed_collections;
    if (!Array.isArray(allowed) || allowed.length === 0) {
      throw invalidPayload('A relation without related_collection (m2a) needs meta.one_allowed_collections.');
    }
    for (const name of allowed) {
      if (typeof name !== 'string')
        throw invalidPayload('meta.one_allowed_collections must list collection names.');
      userCollection(overview, name);
    }
    const column = meta.one_collection_field;
    if (typeof column !== 'string' || !Object.prototype.hasOwnProperty.call(many.fields, column)) {
      throw invalidPayload(
        `An m2a relation needs meta.one_collection_field naming a field of "${many.collection}".`,
      );
    }
  }

  private async addForeignKey(
    change: SchemaChange,
    collection: string,
    field: string,
    one: CollectionOverview,
    schema: Record<string, unknown>,
  ): Promise<void> {
    const key = one.primary;
    if (key === null) throw invalidPayload(`Collection "${one.collection}" has no primary key to relate to.`);
    const problem = foreignKeyTypeProblem(
      change.overview.collections[collection].fields[field].type,
      one.fields[key].type,
    );
    if (problem !== null) throw invalidPayload(problem);
    const steps = planAddForeignKey({
      many_collection: collection,
      many_field: field,
      one_collection: one.collection,
      one_pk: key,
      on_delete: schema.on_delete as string | null | undefined,
      on_update: schema.on_update as string | null | undefined,
      constraint_name: schema.constraint_name as string | null | undefined,
    });
    // PostgreSQL does not index foreign keys: without one, every o2m read and every delete on the one side
    // scans the many side once per parent row.
    const column = change.overview.collections[collection].fields[field].schema;
    if (column && !column.is_indexed && !column.is_unique && !column.is_primary_key) {
      steps.push(createIndexStep(collection, field));
    }
    await runSteps(change, steps);
  }

  /** `meta.one_field` names the o2m (m2m with a junction field) alias on the one side; made when missing. */
  private async ensureAlias(
    change: SchemaChange,
    one: CollectionOverview,
    meta: Record<string, unknown>,
  ): Promise<void> {
    const alias = meta.one_field;
    if (alias === undefined || alias === null) return;
    const name = newIdentifier(alias, 'field');
    const existing = Object.prototype.hasOwnProperty.call(one.fields, name) ? one.fields[name] : undefined;
    if (existing) {
      if (existing.type !== 'alias') {
        throw invalidPayload(`Field "${one.collection}.${name}" exists and is not an alias field.`);
      }
      return;
    }
    const junction = typeof meta.junction_field === 'string' && meta.junction_field !== '';
    await upsertFieldMeta(change.client, one.collection, name, {
      special: [junction ? 'm2m' : 'o2m'],
      interface: junction ? 'list-m2m' : 'list-o2m',
    });
  }

  /** Meta, and `schema.on_delete`/`on_update` (the foreign key is dropped and added again). */
  async update(
    ctx: SchemaContext,
    collection: string,
    field: string,
    body: unknown,
    tx?: SchemaTx,
  ): Promise<RelationView> {
    requireAdmin(ctx.accountability);
    if (!isPlainObject(body)) throw invalidPayload('The body must be an object.');
    await this.schema.run(ctx.tenant, tx, async (change) => {
      const relation = existingRelation(change.overview, collection, field);
      refuseSystem(relation, change.overview);
      await this.updateSchema(change, relation, body.schema);
      if (isPlainObject(body.meta)) {
        if (relation.related_collection !== null) {
          await this.ensureAlias(change, change.overview.collections[relation.related_collection], body.meta);
        }
        await upsertRelationMeta(change.client, collection, field, {
          ...body.meta,
          one_collection: relation.related_collection,
        });
      }
    });
    return relationView(existingRelation(await this.schema.overview(ctx.tenant, tx), collection, field));
  }

  private async updateSchema(
    change: SchemaChange,
    relation: RelationOverview,
    schema: unknown,
  ): Promise<void> {
    if (schema === undefined) return;
    if (schema === null) {
      if (relation.schema) {
        await runSteps(change, planDropForeignKey(relation.collection, relation.schema.constraint_name));
      }
      return;
    }
    if (!isPlainObject(schema)) throw invalidPayload('"schema" of a relation must be an object or null.');
    const related = relation.related_collection;
    if (related === null) return;
    const one = change.overview.collections[related];
    if (!one || one.schema === null) return;
    if (!relation.schema) {
      await this.addForeignKey(change, relation.collection, relation.field, one, schema);
      return;
    }
    const current = relation.schema;
    const onDelete = schema.on_delete === undefined ? current.on_delete : schema.on_delete;
    const onUpdate = schema.on_update === undefined ? current.on_update : schema.on_update;
    const same =
      referentialAction(onDelete) === referentialAction(current.on_delete) &&
      referentialAction(onUpdate) === referentialAction(current.on_update);
    if (same) return;
    await runSteps(change, planDropForeignKey(relation.collection, current.constraint_name));
    await this.addForeignKey(change, relation.collection, relation.field, one, {
      on_delete: onDelete,
      on_update: onUpdate,
      constraint_name: current.constraint_name,
    });
  }

  async delete(ctx: SchemaContext, collection: string, field: string, tx?: SchemaTx): Promise<void> {
    requireAdmin(ctx.accountability);
    await this.schema.run(ctx.tenant, tx, async (change) => {
      const relation = existingRelation(change.overview, collection, field);
      refuseSystem(relation, change.overview);
      if (relation.schema) {
        await runSteps(change, planDropForeignKey(relation.collection, relation.schema.constraint_name));
      }
      const one = relation.meta?.one_collection;
      const alias = relation.meta?.one_field;
      if (one && alias) await deleteFieldMetadata(change.client, one, alias);
      await deleteRelationMeta(change.client, collection, field);
    });
  }
}
