import type { Accountability } from '@atrium/auth';
import type { ClientBase } from 'pg';

/**
 * How a column is written (reads follow the schema overview). `csv` is a text column clients see as an array
 * of strings (Directus's `cast-csv` special); `json` columns take any JSON value.
 */
export type FieldType = 'uuid' | 'string' | 'integer' | 'boolean' | 'timestamp' | 'json' | 'csv';

export interface FieldDefinition {
  name: string;
  type: FieldType;
  /** Clients may write it (a primary key only on create, and only when the database does not generate it). */
  writable?: boolean;
  /**
   * A secret: written, never in history. Reads mask it (`"**********"` when set) and refuse to filter or
   * sort on it through its `conceal` special in the schema's system overlay, which must list it too.
   */
  concealed?: boolean;
  /** The only values accepted on write. */
  allowed?: readonly string[];
  /** Must be given (and not null) on create. */
  required?: boolean;
  /** null is refused on write (the column is NOT NULL with a default). */
  notNull?: boolean;
  /** A rule beyond the type: returns why the value is refused, or undefined. */
  check?: (value: unknown) => string | undefined;
  /** What a singleton answers for this field before its row exists. */
  defaultValue?: unknown;
}

export type PrimaryKey = string | number;
export type Row = Record<string, unknown>;
export type WriteAction = 'create' | 'update';

/** What a hook may use: the open transaction and who asked. */
export interface HookContext {
  client: ClientBase;
  accountability: Accountability;
}

export interface CollectionHooks {
  /** Turns a checked payload into the values to store (hash a password…). Runs inside the transaction. */
  prepareWrite?(payload: Row, action: WriteAction, context: HookContext): Promise<Row>;
  /** Checks rules spanning rows (cycles, combinations) once the request's writes are done, before commit. */
  verify?(keys: PrimaryKey[], context: HookContext): Promise<void>;
  /**
   * Detaches what still points at rows about to be deleted when the schema does not (a foreign key without
   * ON DELETE). Runs inside the transaction, after the permission check, right before the DELETE.
   */
  beforeDelete?(keys: PrimaryKey[], context: HookContext): Promise<void>;
}

/** One system collection: everything the generic engine needs to write and audit it (reads use the schema). */
export interface CollectionDefinition {
  /** Directus's name for it: activity, revisions and error messages use it. */
  collection: string;
  table: string;
  primaryKey: string;
  primaryKeyType: 'uuid' | 'integer';
  /** Every field a write may name. Identifiers in write statements come only from here. */
  fields: readonly FieldDefinition[];
  hooks?: CollectionHooks;
  /** Cached identities (static tokens, policy flags) depend on this collection: invalidate after commits. */
  affectsAuth: boolean;
  /** Written by the server only (activity, revisions): no write routes are exposed. */
  readOnly?: boolean;
  /** A change here could leave the project without an active admin user: guard it in the transaction. */
  guardsAdmins: boolean;
}

export function findField(definition: CollectionDefinition, name: string): FieldDefinition | undefined {
  return definition.fields.find((field) => field.name === name);
}

export function primaryKeyField(definition: CollectionDefinition): FieldDefinition {
  const field = findField(definition, definition.primaryKey);
  if (!field)
    throw new Error(`${definition.collection}: primary key ${definition.primaryKey} is not a field`);
  return field;
}
