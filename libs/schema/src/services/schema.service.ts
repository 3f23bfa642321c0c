import { Injectable } from '@nestjs/common';
import { requireAdmin } from '@atrium/auth';
import { invalidPayload, platformVersion } from '@atrium/core';
import { readSchemaOverview } from '../overview/build-schema-overview';
import { diffSnapshots, isEmptyDiff, snapshotHash } from '../snapshot/diff-snapshots';
import { planApply, SchemaOperation } from '../snapshot/plan-apply';
import type { SchemaDiff, SchemaSnapshot, SnapshotField } from '../snapshot/snapshot-types';
import { toSnapshot } from '../snapshot/to-snapshot';
import { CollectionsService } from './collections.service';
import { FieldsService } from './fields.service';
import { RelationsService } from './relations.service';
import type { SchemaContext, SchemaTx } from './schema-context';
import { parseApplyBody, parseSnapshot } from './snapshot-input';
import { SchemaTransaction } from './schema-transaction';

function fieldBody(field: SnapshotField): Record<string, unknown> {
  return { field: field.field, type: field.type, schema: field.schema, meta: field.meta };
}

/** `/schema/snapshot`, `/schema/diff`, `/schema/apply`: the schema as data (reference §8 "Schema"). */
@Injectable()
export class SchemaService {
  constructor(
    private readonly schema: SchemaTransaction,
    private readonly collections: CollectionsService,
    private readonly fields: FieldsService,
    private readonly relations: RelationsService,
  ) {}

  async snapshot(ctx: SchemaContext): Promise<SchemaSnapshot> {
    requireAdmin(ctx.accountability);
    return toSnapshot(await this.schema.overview(ctx.tenant), platformVersion());
  }

  /** What turns this project into `body` and the hash of the state it applies to; null when nothing. */
  async diff(
    ctx: SchemaContext,
    body: unknown,
    force: boolean,
  ): Promise<{ hash: string; diff: SchemaDiff } | null> {
    const current = await this.snapshot(ctx);
    const diff = diffSnapshots(current, parseSnapshot(body, force));
    return isEmptyDiff(diff) ? null : { hash: snapshotHash(current), diff };
  }

  /** Applies a diff made against the current state (else 400) in one transaction. */
  async apply(ctx: SchemaContext, body: unknown): Promise<void> {
    requireAdmin(ctx.accountability);
    const { hash, diff } = parseApplyBody(body);
    await this.schema.run(ctx.tenant, undefined, async (change) => {
      const current = toSnapshot(change.overview, platformVersion());
      if (snapshotHash(current) !== hash) {
        throw invalidPayload(
          'The schema changed since the diff was made: request a new diff and apply that.',
        );
      }
      await this.runOperations(ctx, { client: change.client }, planApply(current, diff));
    });
  }

  /**
   * Makes the schema seen by `tx` equal `target` (provisioning a project from a template). The caller owns
   * the transaction and bumps the version.
   */
  async applySnapshotIn(ctx: SchemaContext, tx: SchemaTx, target: SchemaSnapshot): Promise<void> {
    requireAdmin(ctx.accountability);
    const current = toSnapshot(await readSchemaOverview(tx.client), platformVersion());
    await this.runOperations(ctx, tx, planApply(current, diffSnapshots(current, target)));
  }

  /** Each operation through the same service method a client would call, all inside `tx`. */
  private async runOperations(
    ctx: SchemaContext,
    tx: SchemaTx,
    operations: SchemaOperation[],
  ): Promise<void> {
    for (const operation of operations) {
      switch (operation.op) {
        case 'createCollection':
          await this.collections.create(
            ctx,
            {
              collection: operation.collection.collection,
              meta: operation.collection.meta,
              schema: operation.collection.schema,
              // A table made from a snapshot gets exactly the snapshot's fields (an empty list is not "none").
              fields: operation.fields.map(fieldBody),
            },
            tx,
          );
          break;
        case 'updateCollection':
          await this.collections.update(
            ctx,
            operation.collection.collection,
            { meta: operation.collection.meta },
            tx,
          );
          break;
        case 'deleteCollection':
          await this.collections.delete(ctx, operation.collection, tx);
          break;
        case 'createField':
          await this.fields.create(ctx, operation.field.collection, fieldBody(operation.field), tx);
          break;
        case 'updateField':
          await this.fields.update(
            ctx,
            operation.field.collection,
            operation.field.field,
            fieldBody(operation.field),
            tx,
          );
          break;
        case 'deleteField':
          await this.fields.delete(ctx, operation.collection, operation.field, tx);
          break;
        case 'createRelation':
          await this.relations.create(ctx, operation.relation, tx);
          break;
        case 'updateRelation':
          await this.relations.update(
            ctx,
            operation.relation.collection,
            operation.relation.field,
            operation.relation,
            tx,
          );
          break;
        case 'deleteRelation':
          await this.relations.delete(ctx, operation.collection, operation.field, tx);
          break;
      }
    }
  }
}
