import { writeActivity, writeChange } from '@atrium/activity';
import { activityEntry, type Accountability } from '@atrium/auth';
import { failedValidation, forbidden, hashPassword, invalidPayload, isPlainObject } from '@atrium/core';
import { firstFailingField, type WriteGuard } from '@atrium/permissions';
import type { CollectionOverview, FieldOverview, SchemaOverview } from '@atrium/schema';
import { quoteIdent } from '@atrium/tenancy';
import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { coerceField } from '../payload/coerce-field';
import { manyToOne, oneToMany } from '../payload/relation-lookup';
import { firstSubmissionFailure } from '../payload/submission-rules';
import { LastAdminGuard } from '../system/admin-guard';
import type { HookContext, Key, Payload, WriteAction as Action } from '../system/collection-hooks';
import { collectionRules, writableCollection } from '../system/system-collection-rules';
import { keyInList } from './key-array-type';

export type { Key } from '../system/collection-hooks';

function hasSpecial(field: FieldOverview, special: string): boolean {
  return field.meta?.special?.includes(special) ?? false;
}

function concealed(field: FieldOverview): boolean {
  return hasSpecial(field, 'conceal') || field.type === 'hash';
}

/** Alias work that needs the parent's key first (o2m, m2m and m2a sets). */
interface Deferred {
  field: string;
  value: unknown;
}

/** The fields whose values arrive as arrays and are stored as one comma-joined text (Directus's csv). */
function csvFields(collection: CollectionOverview): string[] {
  return fieldsOfType(collection, 'csv');
}

function jsonFields(collection: CollectionOverview): string[] {
  return fieldsOfType(collection, 'json');
}

function fieldsOfType(collection: CollectionOverview, type: FieldOverview['type']): string[] {
  return Object.values(collection.fields)
    .filter((field) => field.type === type)
    .map((field) => field.field);
}

/**
 * The writes of one request inside its transaction, for any collection (system ones included): every create,
 * update and delete (nested ones too) is checked against the caller's permissions and the schema, prepared
 * by the collection's hooks and specials, written, and recorded in `directus_activity` and (create/update)
 * `directus_revisions`. `finish()` runs the cross-row checks of every collection the session touched.
 */
export class ItemWriteSession {
  private readonly hookContext: HookContext;
  private readonly adminGuard: LastAdminGuard;
  /** Keys created or updated per collection, for the collections' cross-row checks. */
  private readonly touched = new Map<string, Set<Key>>();
  private authChanged = false;
  private settingsChanged = false;

  constructor(
    private readonly client: ClientBase,
    private readonly overview: SchemaOverview,
    private readonly accountability: Accountability,
    /** The caller's write permissions, checked before each write (nested ones on their own collection). */
    private readonly guard: WriteGuard,
    private readonly now = new Date(),
    /** MAX_BATCH_MUTATION: every created, updated or deleted item counts, nested ones included. */
    private readonly maxMutations: number | null = null,
    /** Checked once before the session's first create or update (a project's storage quota); deletes skip it. */
    private readonly growthGate: (() => Promise<void>) | null = null,
  ) {
    this.hookContext = { db: client, accountability };
    this.adminGuard = new LastAdminGuard(client);
  }

  private mutations = 0;
  private gatePassed: Promise<void> | null = null;

  /** A write that may add data passes the gate first; once per session, whatever it writes. */
  private beforeGrowth(): Promise<void> {
    if (!this.growthGate) return Promise.resolve();
    this.gatePassed ??= this.growthGate();
    return this.gatePassed;
  }

  private countMutations(count: number): void {
    this.mutations += count;
    if (this.maxMutations !== null && this.mutations > this.maxMutations) {
      throw invalidPayload(`Exceeded max batch mutation limit of ${this.maxMutations}.`);
    }
  }

  /** The transaction's connection, for reads that must see this session's writes. */
  get db(): ClientBase {
    return this.client;
  }

  /** A collection this session may write (a nested write may name any related one). */
  collection(name: string): CollectionOverview {
    const collection = this.overview.collections[name];
    if (!collection?.primary || !collection.schema || !writableCollection(collection)) throw forbidden();
    return collection;
  }

  /** Whether a committed session changed what cached identities and grants depend on. */
  get changedAuth(): boolean {
    return this.authChanged;
  }

  /** Whether a committed session changed the project's settings row, which servers cache. */
  get changedSettings(): boolean {
    return this.settingsChanged;
  }

  /**
   * `managed`: values the server itself decides (an upload's key, disk name and size). They are facts, not
   * the caller's writes: they skip the guard and the payload checks, and go into the row and its revision.
   */
  async create(collection: CollectionOverview, payload: unknown, managed: Payload = {}): Promise<Key> {
    if (!isPlainObject(payload)) throw invalidPayload('Every item has to be an object.');
    this.countMutations(1);
    await this.beforeWrite(collection);
    await this.beforeGrowth();
    const permitted = this.guard.create(collection, payload);
    const { row: prepared, deferred } = await this.prepare(collection, permitted, 'create', managed);
    const row = { ...prepared, ...managed };
    const primary = collection.primary as string;
    if (row[primary] === undefined && collection.fields[primary].type === 'uuid') row[primary] = randomUUID();
    const names = Object.keys(row);
    const table = quoteIdent(collection.schema?.name as string);
    const text = names.length
      ? `INSERT INTO ${table} (${names.map(quoteIdent).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`
      : `INSERT INTO ${table} DEFAULT VALUES`;
    // The row as stored comes back with its key: its revision needs no second read.
    const { rows } = await this.client.query<{ key: Key; data: Payload }>(
      `${text} RETURNING ${quoteIdent(primary)} AS key, to_jsonb(${table}.*) AS data`,
      [...names.map((name) => row[name])],
    );
    const key = rows[0].key;
    await this.record(collection, 'create', key, row, rows[0].data);
    await this.applyDeferred(collection, key, deferred);
    return key;
  }

  /**
   * Updates one existing item (403 when it does not exist, unless `allowMissing`: then the UPDATE matches
   * nothing and the attempt is still recorded, as Directus does for an admin). `recordAs` names the change in
   * the activity trail: a revert is an update that says so.
   */
  async update(
    collection: CollectionOverview,
    key: Key,
    payload: unknown,
    recordAs: 'update' | 'revert' = 'update',
    options: { allowMissing?: boolean; managed?: Payload } = {},
  ): Promise<void> {
    if (!isPlainObject(payload)) throw invalidPayload('The item has to be an object.');
    this.countMutations(1);
    await this.beforeWrite(collection);
    await this.beforeGrowth();
    await this.lock(collection, [key], options);
    await this.guard.update(this.client, collection, [key], payload);
    const { row: prepared, deferred } = await this.prepare(collection, payload, 'update', options.managed);
    const row = { ...prepared, ...options.managed };
    delete row[collection.primary as string];
    const names = Object.keys(row);
    if (names.length) {
      await this.client.query(
        `UPDATE ${quoteIdent(collection.schema?.name as string)} SET ${names
          .map((name, i) => `${quoteIdent(name)} = $${i + 2}`)
          .join(', ')} WHERE ${quoteIdent(collection.primary as string)} = $1`,
        [key, ...names.map((name) => row[name])],
      );
    }
    await this.record(collection, recordAs, key, row);
    await this.applyDeferred(collection, key, deferred);
  }

  async delete(collection: CollectionOverview, keys: readonly Key[]): Promise<void> {
    const unique = await this.lock(collection, keys);
    if (!unique.length) return;
    this.countMutations(unique.length);
    await this.beforeWrite(collection);
    await this.guard.delete(this.client, collection, unique);
    await collectionRules(collection.collection).hooks?.beforeDelete?.(unique, this.hookContext);
    await this.client.query(
      `DELETE FROM ${quoteIdent(collection.schema?.name as string)} WHERE ${quoteIdent(collection.primary as string)} = ANY($1)`,
      [unique],
    );
    for (const key of unique) {
      await writeActivity(
        this.client,
        activityEntry(this.accountability, 'delete', collection.collection, String(key)),
      );
    }
  }

  /** A singleton's row key (the first row, locked), or null before it exists; serialised per collection. */
  async singletonKey(collection: CollectionOverview): Promise<Key | null> {
    await this.client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`items:${collection.collection}`]);
    const pk = quoteIdent(collection.primary as string);
    const { rows } = await this.client.query<{ key: Key }>(
      `SELECT ${pk} AS key FROM ${quoteIdent(collection.schema?.name as string)} ORDER BY ${pk} LIMIT 1 FOR UPDATE`,
    );
    return rows[0]?.key ?? null;
  }

  /**
   * Runs the cross-row checks of every collection the session created or updated rows in, and the last-admin
   * guard when it was armed. Call it once the request's writes are done, before the commit.
   */
  async finish(): Promise<void> {
    for (const [name, keys] of this.touched) {
      await collectionRules(name).hooks?.verify?.([...keys], this.hookContext);
    }
    await this.adminGuard.check();
  }

  /** A write may not reach a collection the API never writes; one deciding admin access arms the guard. */
  private async beforeWrite(collection: CollectionOverview): Promise<void> {
    if (!writableCollection(collection)) throw forbidden();
    const rules = collectionRules(collection.collection);
    if (rules.guardsAdmins) await this.adminGuard.arm();
    if (rules.affectsAuth) this.authChanged = true;
    if (rules.affectsSettings) this.settingsChanged = true;
  }

  /**
   * Locks these keys' rows and returns them without duplicates; a missing one is a 403 unless `allowMissing`.
   * A key that cannot be one (not a number for an integer key…) is a 403 either way.
   */
  async lock(
    collection: CollectionOverview,
    keys: readonly Key[],
    { allowMissing = false }: { allowMissing?: boolean } = {},
  ): Promise<Key[]> {
    const unique = [...new Set(keys)];
    if (!unique.length) return unique;
    const pk = quoteIdent(collection.primary as string);
    try {
      const { rows } = await this.client.query(
        `SELECT ${pk} FROM ${quoteIdent(collection.schema?.name as string)} WHERE ${keyInList(collection, pk, '$1')} FOR UPDATE`,
        [unique.map(String)],
      );
      if (rows.length !== unique.length && !allowMissing) throw forbidden();
    } catch (error) {
      throw error instanceof Error && error.name === 'AtriumException' ? error : forbidden();
    }
    return unique;
  }

  /** Payload → column values (validated, specials applied, m2o written) and the alias work for later. */
  private async prepare(
    collection: CollectionOverview,
    payload: Payload,
    action: Action,
    managed: Payload = {},
  ): Promise<{ row: Payload; deferred: Deferred[] }> {
    const rules = collectionRules(collection.collection);
    const given = withoutServerManaged(payload, rules.serverManaged);
    // Checked before anything is written, nested items included: a refused payload never reaches the
    // database. The server's own values count as given.
    this.validate(collection, { ...given, ...managed }, action);
    const values: Payload = {};
    const deferred: Deferred[] = [];
    for (const [name, value] of Object.entries(given)) {
      const field = collection.fields[name];
      // Like Directus, fields the collection doesn't have are dropped rather than refused.
      if (!field || value === undefined) continue;
      if (!field.schema) {
        if (oneToMany(this.overview, collection.collection, name)) deferred.push({ field: name, value });
        continue;
      }
      const relation = manyToOne(this.overview, collection.collection, name);
      if (relation && value !== null && typeof value === 'object') {
        values[name] = await this.writeRelated(
          relation.related_collection ??
            this.anyCollection(given, relation.meta?.one_collection_field ?? null),
          value,
        );
        continue;
      }
      values[name] = coerceField(field, value);
    }
    const prepareWrite = rules.hooks?.prepareWrite;
    const row = prepareWrite ? await prepareWrite(values, action, this.hookContext) : values;
    await this.applySpecials(collection, row, given, action);
    return { row, deferred };
  }

  /** m2a: the collection the row's `one_collection_field` names. */
  private anyCollection(payload: Payload, field: string | null): string {
    const name = field ? payload[field] : undefined;
    if (typeof name !== 'string')
      throw invalidPayload(`"${field ?? 'collection'}" is required for this item.`);
    return name;
  }

  /** A nested m2o/m2a object: with its key it updates that item, without it creates one; → the key. */
  private async writeRelated(collectionName: string, value: unknown): Promise<Key> {
    const related = this.collection(collectionName);
    if (!isPlainObject(value))
      throw invalidPayload(`A related "${collectionName}" item has to be an object.`);
    const key = value[related.primary as string] as Key | undefined;
    if (key === undefined || key === null) return this.create(related, value);
    await this.update(related, key, value);
    return key;
  }

  private async applySpecials(
    collection: CollectionOverview,
    row: Payload,
    payload: Payload,
    action: Action,
  ) {
    for (const field of Object.values(collection.fields)) {
      if (!field.schema) continue;
      if (action === 'create' && hasSpecial(field, 'date-created')) row[field.field] = this.now.toISOString();
      if (action === 'create' && hasSpecial(field, 'user-created'))
        row[field.field] = this.accountability.user;
      if (action === 'create' && hasSpecial(field, 'role-created'))
        row[field.field] = this.accountability.role;
      // Directus's uuid special fills the field on create when the caller gave no value.
      if (action === 'create' && hasSpecial(field, 'uuid') && (row[field.field] ?? null) === null)
        row[field.field] = randomUUID();
      if (action === 'update' && hasSpecial(field, 'date-updated')) row[field.field] = this.now.toISOString();
      if (action === 'update' && hasSpecial(field, 'user-updated'))
        row[field.field] = this.accountability.user;
      if (action === 'update' && hasSpecial(field, 'role-updated'))
        row[field.field] = this.accountability.role;
      const value = row[field.field];
      if (
        (field.type === 'hash' || hasSpecial(field, 'hash')) &&
        typeof value === 'string' &&
        payload[field.field] !== undefined
      ) {
        row[field.field] = await hashPassword(value);
      }
    }
  }

  /** The schema's demands (required and NOT NULL fields) and the fields' own validation rules. */
  private validate(collection: CollectionOverview, payload: Payload, action: Action): void {
    const missing = firstSubmissionFailure(collection, payload, action);
    if (missing) {
      const detail = missing.type === 'required' ? 'Value is required.' : "Value can't be null.";
      throw failedValidation({
        collection: collection.collection,
        field: missing.field,
        type: missing.type,
        detail,
      });
    }
    for (const field of Object.values(collection.fields)) {
      const value = payload[field.field];
      const rule = field.meta?.validation;
      if (isPlainObject(rule) && value !== undefined && firstFailingField(rule, payload) !== null) {
        throw failedValidation({
          collection: collection.collection,
          field: field.field,
          type: 'validation',
          detail: field.meta?.validation_message ?? 'Value does not match the validation rule.',
        });
      }
    }
  }

  /** o2m / m2m / m2a sets, once the parent's key is known. */
  private async applyDeferred(collection: CollectionOverview, key: Key, deferred: readonly Deferred[]) {
    for (const { field, value } of deferred) {
      const relation = oneToMany(this.overview, collection.collection, field);
      if (!relation) continue;
      const many = this.collection(relation.collection);
      const fk = relation.field;
      const deselect = relation.meta?.one_deselect_action === 'delete' ? 'delete' : 'nullify';
      const link = async (item: unknown): Promise<Key> => {
        if (!isPlainObject(item)) {
          await this.update(many, item as Key, { [fk]: key });
          return item as Key;
        }
        const own = item[many.primary as string] as Key | undefined;
        if (own === undefined || own === null) return this.create(many, { ...item, [fk]: key });
        await this.update(many, own, { ...item, [fk]: key });
        return own;
      };
      const drop = async (keys: readonly Key[]) => {
        if (deselect === 'delete') await this.delete(many, keys);
        else for (const other of keys) await this.update(many, other, { [fk]: null });
      };
      if (value === null || Array.isArray(value)) {
        const kept: Key[] = [];
        for (const item of value ?? []) kept.push(await link(item));
        const { rows } = await this.client.query<{ key: Key }>(
          `SELECT ${quoteIdent(many.primary as string)} AS key FROM ${quoteIdent(many.schema?.name as string)}
            WHERE ${quoteIdent(fk)} = $1 AND NOT (${keyInList(many, quoteIdent(many.primary as string), '$2')})`,
          [key, kept.map(String)],
        );
        await drop(rows.map((row) => row.key));
      } else if (isPlainObject(value)) {
        for (const item of asList(value.create, 'create')) await link(item);
        for (const item of asList(value.update, 'update')) {
          if (!isPlainObject(item) || item[many.primary as string] === undefined) {
            throw invalidPayload(`Items in "${field}.update" need their primary key.`);
          }
          await link(item);
        }
        await drop(asList(value.delete, 'delete') as Key[]);
      } else throw invalidPayload(`"${field}" has to be an array or {create, update, delete}.`);
    }
  }

  private async storedRow(collection: CollectionOverview, key: Key): Promise<Payload | null> {
    const { rows } = await this.client.query<{ data: Payload }>(
      `SELECT to_jsonb(t) AS data FROM ${quoteIdent(collection.schema?.name as string)} t WHERE ${quoteIdent(collection.primary as string)} = $1`,
      [key],
    );
    return rows[0]?.data ?? null;
  }

  private touch(collection: string, key: Key): void {
    let keys = this.touched.get(collection);
    if (!keys) this.touched.set(collection, (keys = new Set()));
    keys.add(key);
  }

  private async record(
    collection: CollectionOverview,
    action: Action | 'revert',
    key: Key,
    row: Payload,
    /** The row as stored, when the write returned it (a create); else it is read here. */
    stored?: Payload,
  ): Promise<void> {
    this.touch(collection.collection, key);
    const hidden = Object.values(collection.fields)
      .filter(concealed)
      .map((field) => field.field);
    const delta = { ...row };
    for (const name of hidden) delete delta[name];
    const data = stored ?? (await this.storedRow(collection, key));
    if (data) for (const name of hidden) delete data[name];
    // History shows values as clients write and read them: csv fields as arrays (not their stored text),
    // JSON fields as JSON (not the text bound for their column).
    for (const name of csvFields(collection)) {
      if (data && typeof data[name] === 'string') data[name] = splitCsv(data[name] as string);
      if (typeof delta[name] === 'string') delta[name] = splitCsv(delta[name] as string);
    }
    for (const name of jsonFields(collection)) {
      if (typeof delta[name] === 'string') delta[name] = JSON.parse(delta[name] as string) as unknown;
    }
    await writeChange(
      this.client,
      activityEntry(this.accountability, action, collection.collection, String(key)),
      { collection: collection.collection, item: String(key), data, delta },
    );
  }
}

function splitCsv(text: string): string[] {
  return text === '' ? [] : text.split(',');
}

/** The payload without the fields only the server writes (clients echo whole rows back: not an error). */
function withoutServerManaged(payload: Payload, serverManaged: readonly string[] = []): Payload {
  if (!serverManaged.some((name) => name in payload)) return payload;
  const given = { ...payload };
  for (const name of serverManaged) delete given[name];
  return given;
}

function asList(value: unknown, name: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidPayload(`"${name}" has to be an array.`);
  return value;
}
