import { writeActivity, writeRevision } from '@atrium/activity';
import type { Accountability } from '@atrium/auth';
import type { WriteGuard } from '@atrium/permissions';
import type { CollectionOverview } from '@atrium/schema';
import { forbidden, isPlainObject } from '@atrium/core';
import type { ClientBase, QueryResult, QueryResultRow } from 'pg';
import {
  findField,
  type CollectionDefinition,
  type HookContext,
  type PrimaryKey,
  type Row,
  type WriteAction,
} from '../definitions/collection-definition';
import {
  buildDelete,
  buildHistoryRow,
  buildInsert,
  buildLockKeys,
  buildUpdate,
} from '../payload/build-write';
import { assertColumnLengths } from '../payload/column-lengths';
import { coercePayload } from '../payload/coerce-payload';
import type { SqlStatement } from '../sql/sql-params';
import { quote } from '../sql/quote';

/** Removes the concealed fields: secrets never enter the history, not even hashed. */
function withoutSecrets(definition: CollectionDefinition, row: Row): Row {
  const clean: Row = {};
  for (const [name, value] of Object.entries(row)) {
    if (!findField(definition, name)?.concealed) clean[name] = value;
  }
  return clean;
}

/**
 * The writes of one request to one collection, inside its transaction: each create, update and delete is
 * checked, prepared by the collection's hooks, written, and recorded in `directus_activity` (and, for creates
 * and updates, `directus_revisions` with the row as it now reads and the fields written).
 */
export class WriteSession {
  private readonly touched: PrimaryKey[] = [];
  private readonly hookContext: HookContext;

  constructor(
    private readonly client: ClientBase,
    private readonly definition: CollectionDefinition,
    private readonly accountability: Accountability,
    /** The caller's write permissions on this collection, checked before each write. */
    private readonly permitted: { guard: WriteGuard; collection: CollectionOverview },
  ) {
    this.hookContext = { client, accountability };
  }

  /**
   * `managed`: values the server itself decides (an upload's key, disk name and size). They are facts, not
   * the caller's writes: they skip the guard and the payload checks, and go into the row and its revision.
   */
  async create(payload: unknown, managed: Row = {}): Promise<PrimaryKey> {
    const { guard, collection } = this.permitted;
    const values = await this.prepare(
      isPlainObject(payload) ? guard.create(collection, payload) : payload,
      'create',
    );
    const stored = { ...values.stored, ...managed };
    const { rows } = await this.write<{ key: PrimaryKey }>(buildInsert(this.definition, stored));
    const key = rows[0].key;
    await this.record('create', key, { ...values.delta, ...managed });
    return key;
  }

  /**
   * The same payload applied to each key; every key must exist (else 403, and nothing is written), unless
   * `allowMissing`: a missing key's UPDATE then matches nothing, and the attempt is recorded as Directus does
   * for an admin.
   */
  async update(
    keys: readonly PrimaryKey[],
    payload: unknown,
    { allowMissing = false, managed = {} }: { allowMissing?: boolean; managed?: Row } = {},
  ): Promise<void> {
    const unique = await this.lockExisting(keys, allowMissing);
    if (isPlainObject(payload))
      await this.permitted.guard.update(this.client, this.permitted.collection, unique, payload);
    const values = await this.prepare(payload, 'update');
    const stored = { ...values.stored, ...managed };
    for (const key of unique) {
      const statement = buildUpdate(this.definition, key, stored);
      if (statement) await this.write(statement);
      await this.record('update', key, { ...values.delta, ...managed });
    }
  }

  async delete(keys: readonly PrimaryKey[]): Promise<void> {
    const unique = await this.lockExisting(keys);
    if (unique.length === 0) return;
    await this.permitted.guard.delete(this.client, this.permitted.collection, unique);
    await this.definition.hooks?.beforeDelete?.(unique, this.hookContext);
    await this.client.query(buildDelete(this.definition, unique));
    for (const key of unique) await this.activity('delete', key);
  }

  /**
   * A singleton's row key (the first row), or null before it exists. The advisory lock serialises the
   * upserts of concurrent first writes.
   */
  async lockSingleton(lock: [number, number]): Promise<PrimaryKey | null> {
    await this.client.query('SELECT pg_advisory_xact_lock($1, $2)', lock);
    const pk = quote(this.definition.primaryKey);
    const { rows } = await this.client.query<{ key: PrimaryKey }>(
      `SELECT ${pk} AS key FROM ${quote(this.definition.table)} ORDER BY ${pk} LIMIT 1 FOR UPDATE`,
    );
    return rows[0]?.key ?? null;
  }

  /** Runs the collection's cross-row checks over everything this session created or updated. */
  async verify(): Promise<void> {
    await this.definition.hooks?.verify?.([...new Set(this.touched)], this.hookContext);
  }

  /** Runs an INSERT or UPDATE; constraint errors are translated by the global filter (unique → RECORD_NOT_UNIQUE). */
  private write<R extends QueryResultRow>(statement: SqlStatement): Promise<QueryResult<R>> {
    return this.client.query<R>(statement);
  }

  private async prepare(payload: unknown, action: WriteAction): Promise<{ stored: Row; delta: Row }> {
    const values = coercePayload(this.definition, payload, action);
    assertColumnLengths(this.definition, this.permitted.collection, values);
    const prepareWrite = this.definition.hooks?.prepareWrite;
    const stored = prepareWrite ? await prepareWrite(values, action, this.hookContext) : values;
    return { stored, delta: withoutSecrets(this.definition, values) };
  }

  /** Locks the rows of these keys and returns them without duplicates; a missing one is a 403 unless allowed. */
  private async lockExisting(keys: readonly PrimaryKey[], allowMissing = false): Promise<PrimaryKey[]> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return unique;
    const { rows } = await this.client.query(buildLockKeys(this.definition, unique));
    // Like Directus: a key that does not exist is indistinguishable from one the caller may not touch.
    if (rows.length !== unique.length && !allowMissing) throw forbidden();
    return unique;
  }

  private async record(action: WriteAction, key: PrimaryKey, delta: Row): Promise<void> {
    this.touched.push(key);
    const activity = await this.activity(action, key);
    const { rows } = await this.client.query<Row>(buildHistoryRow(this.definition, key));
    await writeRevision(this.client, {
      activity,
      collection: this.definition.collection,
      item: String(key),
      data: rows[0] ?? null,
      delta,
    });
  }

  private activity(action: 'create' | 'update' | 'delete', key: PrimaryKey): Promise<number> {
    return writeActivity(this.client, {
      action,
      user: this.accountability.user,
      ip: this.accountability.ip,
      userAgent: this.accountability.userAgent,
      origin: this.accountability.origin,
      collection: this.definition.collection,
      item: String(key),
    });
  }
}
