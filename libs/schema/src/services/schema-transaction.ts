import { Injectable } from '@nestjs/common';
import { inTransaction, TenantContext } from '@atrium/tenancy';
import type { ClientBase } from 'pg';
import { SchemaCache } from '../cache/schema-cache';
import type { DdlStep } from '../ddl/ddl-step';
import { readSchemaOverview } from '../overview/build-schema-overview';
import type { SchemaOverview } from '../overview/schema-overview';
import type { SchemaTx } from './schema-context';
import { translateSchemaError } from './schema-errors';

/** What a schema change works with: its transaction's client and the schema as that transaction sees it. */
export interface SchemaChange {
  client: ClientBase;
  overview: SchemaOverview;
}

/** Runs a change's DDL steps in order, in the change's transaction. */
export async function runSteps(change: SchemaChange, steps: readonly DdlStep[]): Promise<void> {
  for (const step of steps) await change.client.query(step.sql);
}

/** Settings every schema-change transaction starts with. */
export async function beginSchemaChange(client: ClientBase): Promise<void> {
  // Date/time casts depend on the session time zone; pin it so a type change means the same everywhere.
  await client.query("SET LOCAL timezone = 'UTC'");
}

/**
 * Runs schema changes in STYLE #4 order: one transaction holding the version bump (taken first, so its row
 * lock queues concurrent changes of the project before they validate), the DDL and the metadata rows →
 * commit → `afterCommit`. Inside a caller's transaction (`tx`) the work runs there and the caller bumps.
 */
@Injectable()
export class SchemaTransaction {
  constructor(private readonly cache: SchemaCache) {}

  async run<T>(
    tenant: TenantContext,
    tx: SchemaTx | undefined,
    work: (change: SchemaChange) => Promise<T>,
  ): Promise<T> {
    if (tx) return work({ client: tx.client, overview: await readSchemaOverview(tx.client) });
    let version = 0;
    let result: T;
    try {
      result = await inTransaction(await tenant.pool(), async (client) => {
        await beginSchemaChange(client);
        version = await this.cache.bump(tenant, client);
        return work({ client, overview: await readSchemaOverview(client) });
      });
    } catch (error) {
      throw translateSchemaError(error);
    }
    await this.cache.afterCommit(tenant, version);
    return result;
  }

  /** The schema to answer a read with: the cached overview, or the open transaction's view. */
  async overview(tenant: TenantContext, tx?: SchemaTx): Promise<SchemaOverview> {
    return tx ? readSchemaOverview(tx.client) : this.cache.get(tenant);
  }
}
